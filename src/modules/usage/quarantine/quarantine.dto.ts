import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { D, formatDecimal } from '../../../shared/money/decimal';
import { Optional } from '../../../shared/validation/optional.decorator';
import { QuarantinedRow } from './quarantine.repository';

export const QUARANTINE_REASONS = [
  'missing_room_id',
  'unknown_room',
  'no_owner',
  'unknown_trigger',
  'trigger_other_customer',
  'no_price',
] as const;

export class QuarantineQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: QUARANTINE_REASONS })
  @Optional()
  @IsIn(QUARANTINE_REASONS)
  reason?: string;

  @ApiPropertyOptional({ description: 'central_clean_room_id' })
  @Optional()
  @Matches(/^[0-9a-fA-F-]{36}$/, { message: '$property must be a central_clean_room_id (uuid)' })
  roomId?: string;
}

export class QuarantinedRecordResponse {
  @ApiProperty() recordId: string;
  @ApiProperty() recordType: string;
  @ApiProperty({ format: 'date-time' }) usageStartTime: string;
  @ApiProperty({ format: 'date-time' }) usageEndTime: string;
  @ApiProperty({ type: 'string', nullable: true }) roomId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) accountId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) runAs: string | null;
  @ApiProperty() skuName: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'DBU' }) usageQuantity: string;
  @ApiProperty({ enum: QUARANTINE_REASONS }) reason: string;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'Owner, when already known',
  })
  customerId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;

  static from(row: QuarantinedRow): QuarantinedRecordResponse {
    return {
      recordId: row.record_id,
      recordType: row.record_type,
      usageStartTime: row.usage_start_time.toISOString(),
      usageEndTime: row.usage_end_time.toISOString(),
      roomId: row.room_id,
      accountId: row.account_id,
      runAs: row.run_as,
      skuName: row.sku_name,
      usageQuantity: formatDecimal(new D(row.usage_quantity)),
      reason: row.reason,
      customerId: row.customer_id,
      receivedAt: row.received_at.toISOString(),
    };
  }
}

export class QuarantineTotal {
  @ApiProperty({ enum: QUARANTINE_REASONS }) reason: string;
  @ApiProperty() records: number;
  @ApiProperty({ type: 'string', format: 'decimal' }) dbu: string;
}

export class QuarantinePage {
  @ApiProperty({ type: [QuarantinedRecordResponse] }) data: QuarantinedRecordResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
  @ApiProperty({
    type: [QuarantineTotal],
    description: 'Everything quarantined under the filter, by reason',
  })
  totals: QuarantineTotal[];
}
