import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { Optional } from '../../../shared/validation/optional.decorator';

const SOURCES = ['usage', 'price', 'event'] as const;

export class ConflictsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SOURCES, default: 'usage' })
  @Optional()
  @IsIn(SOURCES)
  source?: (typeof SOURCES)[number];
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SOURCES }) source: string;
  @ApiProperty({ description: 'record_id/record_type, event_id, or the price key' }) key: string;
  @ApiProperty({ description: 'Fingerprint of the version kept' }) existingHash: string;
  @ApiProperty({ description: 'Fingerprint of the version refused' }) incomingHash: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The refused version, normalised',
  })
  incoming: object;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) importId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class ConflictPage {
  @ApiProperty({ type: [ConflictResponse] }) data: ConflictResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
