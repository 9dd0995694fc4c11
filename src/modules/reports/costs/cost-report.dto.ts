import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { IsCalendarDay } from '../../../shared/validation/is-calendar-day.decorator';
import { Optional } from '../../../shared/validation/optional.decorator';
import { IsTimeZone } from '../../../shared/validation/registry-validators';
import { PartnerOnly } from '../../../shared/visibility/partner-only.decorator';
import { COST_GROUP_KEYS } from '../domain/cost-grouping';

export const MAX_REPORT_DAYS = 366;
const GROUP_BY = new RegExp(`^(${COST_GROUP_KEYS.join('|')})(,(${COST_GROUP_KEYS.join('|')}))*$`);

export class CostReportQuery extends PageQueryDto {
  @ApiProperty({
    format: 'date',
    example: '2025-06-01',
    description: 'Required. The first day, included (YYYY-MM-DD)',
  })
  @IsCalendarDay()
  from: string;

  @ApiProperty({
    format: 'date',
    example: '2025-07-01',
    description: `Required. The day after the last, excluded; at most ${MAX_REPORT_DAYS} days after from`,
  })
  @IsCalendarDay()
  to: string;

  @ApiProperty({
    example: 'room,month',
    description: `Required. What a row sums over: a comma-separated list of ${COST_GROUP_KEYS.join(', ')} (currency is always part of a row's key)`,
  })
  @Matches(GROUP_BY, {
    message: `groupBy must be a comma-separated list of ${COST_GROUP_KEYS.join(', ')}`,
  })
  groupBy: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this customer (a customer key sees only its own)',
  })
  @Optional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Only this room (central_clean_room_id); money not tied to a room is left out',
  })
  @Optional()
  @Matches(/^[0-9a-fA-F-]{36}$/, { message: '$property must be a central_clean_room_id (uuid)' })
  roomId?: string;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description:
      "The zone of from, to, days and months; default: each customer's billing time zone",
  })
  @Optional()
  @IsTimeZone()
  timeZone?: string;
}

export class CostReportRow {
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) customerId: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) roomId: string | null;
  @ApiProperty({
    nullable: true,
    type: 'string',
    description: 'Null with groupBy run: usage in no run, or money only',
  })
  runId: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) notebookName: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) skuName: string | null;
  @ApiProperty({ nullable: true, type: 'string', enum: ['partner', 'customer'] }) trigger:
    string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) day: string | null;
  @ApiProperty({ nullable: true, type: 'string', example: '2025-06' }) month: string | null;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'DBU of runs the partner triggered',
  })
  partnerDbu: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'DBU of runs the customer triggered',
  })
  customerDbu: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'DBU × Databricks list price' })
  listCost: string;
  @PartnerOnly()
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description:
      "What the partner pays Databricks: list cost of partner-run DBU after the partner's discount",
  })
  partnerCost: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description:
      'What the customer is billed, allocated from invoice lines (to the cent: rows add up to the invoices)',
  })
  billed: string;
  @PartnerOnly()
  @ApiProperty({ type: 'string', format: 'decimal', description: 'billed − partnerCost' })
  margin: string;
  @ApiProperty({
    enum: ['invoice', 'estimate', 'mixed'],
    description:
      '`invoice`: from issued invoices; `estimate`: the rating of a period not invoiced yet, to date',
  })
  billedFrom: string;
}

export class CostReportPage {
  @ApiProperty({
    type: [CostReportRow],
    description: 'By month, day, customer, room, run, notebook, SKU, trigger, currency',
  })
  data: CostReportRow[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

/** The CSV's columns, in order; customer keys get them without the partner-only ones. */
export const COST_REPORT_COLUMNS: readonly (keyof CostReportRow)[] = [
  'customerId',
  'roomId',
  'runId',
  'notebookName',
  'skuName',
  'trigger',
  'day',
  'month',
  'currency',
  'partnerDbu',
  'customerDbu',
  'listCost',
  'partnerCost',
  'billed',
  'margin',
  'billedFrom',
];
export const PARTNER_ONLY_COLUMNS: ReadonlySet<keyof CostReportRow> = new Set([
  'partnerCost',
  'margin',
]);
