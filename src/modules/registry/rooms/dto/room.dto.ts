import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../../../shared/http/page-query.dto';
import { IsDateTime } from '../../../../shared/validation/is-date-time.decorator';
import { Optional } from '../../../../shared/validation/optional.decorator';
import { PatchType } from '../../../../shared/validation/patch-type';
import { OwnershipSpan } from '../domain/ownership-timeline';
import { RoomView } from '../rooms.service';

export const ROOM_ID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export class CreateRoomDto {
  @ApiProperty({
    description: 'Databricks central_clean_room_id',
    example: 'e7b1c3d0-5a2f-4c8e-9d61-0f3a2b4c5d6e',
  })
  @Matches(ROOM_ID, { message: '$property must be a central_clean_room_id (uuid)' })
  id: string;

  @ApiProperty({ example: 'acme-audience-overlap', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'The customer the room belongs to' })
  @IsUUID()
  customerId: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Start of that ownership; default: since always',
  })
  @Optional()
  @IsDateTime()
  ownerSince?: Date;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8760,
    description: 'A run is expected at least this often',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(8760)
  expectedRunIntervalHours?: number;
}

export class UpdateRoomDto extends PatchType(PickType(CreateRoomDto, ['name'] as const)) {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 8760,
    description: 'A run is expected at least this often; null: no expectation',
  })
  @Optional({ nullable: true })
  @IsInt()
  @Min(1)
  @Max(8760)
  expectedRunIntervalHours?: number | null;
}

export class TransferRoomDto {
  @ApiProperty({ format: 'uuid', description: 'The new owner' })
  @IsUUID()
  customerId: string;

  @ApiProperty({
    format: 'date-time',
    description: 'The new owner owns usage from this instant on',
  })
  @IsDateTime()
  effectiveFrom: Date;
}

export class OwnerAtQuery {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  at: Date;
}

export class ListRoomsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Rooms this customer owns now' })
  @Optional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @Optional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class RoomResponse {
  @ApiProperty({ description: 'Databricks central_clean_room_id' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Owner now' })
  customerId: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Notebook version last deployed' })
  notebookEtag: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastRunAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) expectedRunIntervalHours: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from({ room, customerId }: RoomView): RoomResponse {
    return {
      id: room.id,
      name: room.name,
      customerId,
      notebookEtag: room.notebookEtag,
      lastRunAt: room.lastRunAt ? room.lastRunAt.toISOString() : null,
      expectedRunIntervalHours: room.expectedRunIntervalHours,
      createdAt: room.createdAt.toISOString(),
      updatedAt: room.updatedAt.toISOString(),
    };
  }
}

export class RoomPage {
  @ApiProperty({ type: [RoomResponse] }) data: RoomResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class OwnershipResponse {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'date-time' }) effectiveFrom: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Exclusive' })
  effectiveTo: string | null;

  static from(span: OwnershipSpan): OwnershipResponse {
    return {
      customerId: span.customerId,
      effectiveFrom: span.effectiveFrom.toISOString(),
      effectiveTo: span.effectiveTo ? span.effectiveTo.toISOString() : null,
    };
  }
}

export class OwnerAtResponse {
  @ApiProperty() roomId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
}
