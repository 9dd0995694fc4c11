import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../shared/http/page-query.dto';
import { Optional } from '../../../../shared/validation/optional.decorator';
import {
  IDENTITY_KINDS,
  IdentityKind,
  PARTIES,
  Party,
  PartyIdentityEntity,
} from '../party-identity.entity';

export class CreateIdentityDto {
  @ApiProperty({ enum: IDENTITY_KINDS })
  @IsIn(IDENTITY_KINDS)
  kind: IdentityKind;

  @ApiProperty({
    example: 'aws:us-east-1:3be05a26-5a83-478c-8428-9ef9aa67b5d0',
    description:
      'account: Databricks account uuid; sharing_identifier: cloud:region:uuid; principal: user or service principal',
  })
  @IsString()
  @Length(1, 300)
  value: string;

  @ApiProperty({ enum: PARTIES })
  @IsIn(PARTIES)
  party: Party;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when party is customer' })
  @Optional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class ListIdentitiesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: IDENTITY_KINDS })
  @Optional()
  @IsIn(IDENTITY_KINDS)
  kind?: IdentityKind;
  @ApiPropertyOptional({ enum: PARTIES }) @Optional() @IsIn(PARTIES) party?: Party;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'Exact value (case-insensitive)' })
  @Optional()
  @IsString()
  @MaxLength(300)
  value?: string;
}

export class IdentityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IDENTITY_KINDS }) kind: IdentityKind;
  @ApiProperty() value: string;
  @ApiProperty({ enum: PARTIES }) party: Party;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) customerId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(identity: PartyIdentityEntity): IdentityResponse {
    return {
      id: identity.id,
      kind: identity.kind,
      value: identity.value,
      party: identity.party,
      customerId: identity.customerId,
      description: identity.description,
      createdAt: identity.createdAt.toISOString(),
    };
  }
}

export class IdentityPage {
  @ApiProperty({ type: [IdentityResponse] }) data: IdentityResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
