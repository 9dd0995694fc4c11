import { ApiProperty } from '@nestjs/swagger';
import { PartnerOnly } from '../../../shared/visibility/partner-only.decorator';
import { ROOM_STATUSES } from '../domain/cadence';

export class FleetEtagSchema {
  @ApiProperty() etag: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'Notebook of the first run on it' })
  notebookName: string | null;
  @ApiProperty({ format: 'date-time', description: 'Start of the first run on it' })
  firstSeenAt: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the latest run on it' })
  lastSeenAt: string;
}

export class FleetLastRunSchema {
  @ApiProperty() runId: string;
  @ApiProperty({ type: 'string', nullable: true }) notebookName: string | null;
  @ApiProperty({ type: 'string', nullable: true }) etag: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'SUCCESS, FAILED, …; null while running',
  })
  state: string | null;
}

export class FleetMonthToDateSchema {
  @ApiProperty({ example: '2025-06', description: "The owner's billing period holding now" })
  period: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'DBU of partner-run usage' })
  partnerDbu: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'DBU of customer-run usage' })
  customerDbu: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'DBU × Databricks list price' })
  listCost: string;
  @PartnerOnly()
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description:
      "What the partner pays Databricks: partner-run list cost after the partner's discount",
  })
  partnerCost: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description:
      "The room's part of the period's bill: each invoice line that charges rooms split over them by their quantity on it, " +
      'by largest remainder to the cent; fees of the customer as a whole (the subscription) are in no room',
  })
  billed: string;
  @PartnerOnly()
  @ApiProperty({ type: 'string', format: 'decimal', description: 'billed − partnerCost' })
  margin: string;
  @ApiProperty({
    enum: ['invoice', 'estimate', 'void'],
    description:
      '`invoice`: the period is invoiced; `estimate`: the rating of the period to date; `void`: its invoice was voided',
  })
  billedFrom: string;
  @ApiProperty({
    format: 'date-time',
    description:
      "When the owner's month to date (usage, bill, cap use) was read: it is kept per customer for FLEET_MONTH_MAX_AGE (default 5 minutes)",
  })
  asOf: string;
}

export class FleetCapUseSchema {
  @ApiProperty({ enum: ['dbu', 'cost'] }) measure: string;
  @PartnerOnly({
    when: (holder) => holder.measure === 'cost',
    whenText: 'the cap is measured in cost',
  })
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description:
      "The customer's partner exposure / its bundled cap × 100, two decimals (as its budget)",
  })
  percent: string;
}

export class FleetRoomRow {
  @ApiProperty({ description: 'Databricks central_clean_room_id' }) roomId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The owner now' })
  customerId: string | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: "Start of the owner's current span (its handover or first ownership)",
  })
  ownerSince: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The etag of the latest run that had one',
  })
  currentEtag: string | null;
  @ApiProperty({ type: [FleetEtagSchema], description: 'Every etag run, by first run' })
  etags: FleetEtagSchema[];
  @ApiProperty({ type: FleetLastRunSchema, nullable: true }) lastRun: FleetLastRunSchema | null;
  @ApiProperty({ type: 'integer', description: 'Runs started in the 7 days up to now' })
  runsLast7Days: number;
  @ApiProperty({
    type: 'integer',
    description: 'Of those, runs completed in a state other than SUCCESS',
  })
  failedRunsLast7Days: number;
  @ApiProperty({
    enum: ROOM_STATUSES,
    description:
      '`no_runs`: never ran. With a cadence: `overdue` when the time since the last run started exceeds 1.5 × the cadence, ' +
      'else `on_schedule`. Without one: `idle` when no run started in the last 30 days, else `irregular`.',
  })
  status: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Seconds since the last run started',
  })
  sinceLastRunSeconds: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "The expected time between runs, in seconds: the room's expectedRunIntervalHours when set (`expected`), else the " +
      'median gap between the starts of its latest 11 runs started in the last 30 days, at least 3 of them (`observed`)',
  })
  cadenceSeconds: number | null;
  @ApiProperty({ type: 'string', enum: ['expected', 'observed'], nullable: true })
  cadenceSource: string | null;
  @ApiProperty({
    type: FleetMonthToDateSchema,
    nullable: true,
    description:
      "The owner's usage of the room in its current billing period, and its bill; null for a room without an owner",
  })
  monthToDate: FleetMonthToDateSchema | null;
  @ApiProperty({
    type: FleetCapUseSchema,
    nullable: true,
    description: "The owner's bundled exposure cap use now; null when its plan has no cap",
  })
  capUse: FleetCapUseSchema | null;
}

export class FleetRoomPage {
  @ApiProperty({ type: [FleetRoomRow] }) data: FleetRoomRow[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
  @ApiProperty({
    format: 'date-time',
    description:
      'The instant the rooms and runs were read at: now for one customer (`customerId`, or a customer key); for the whole fleet, ' +
      'the snapshot of every room, kept for FLEET_SNAPSHOT_MAX_AGE (default 1 minute; a stale one is answered while it is read again)',
  })
  asOf: string;
}
