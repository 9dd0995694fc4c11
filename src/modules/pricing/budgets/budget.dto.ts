import { ApiProperty } from '@nestjs/swagger';
import { PartnerOnly } from '../../../shared/visibility/partner-only.decorator';
import { COST_MEASURED } from '../rating/dto/rating-result.schema';
import { formatDecimal } from '../../../shared/money/decimal';
import type { PartnerExposure } from '../domain/exposure-cap';
import { PeriodSchema } from '../rating/dto/rating-result.schema';
import type { Budget } from './budgets.service';

/** A cap measured in partner cost: its figures are partner cost, and so the partner's business. */
const COST_CAP = { when: COST_MEASURED, whenText: 'the cap is measured in cost' };

export class ExposureSchema {
  @ApiProperty({ type: 'string', format: 'decimal' }) partnerDbu: string;
  @PartnerOnly()
  @ApiProperty({ type: 'string', format: 'decimal' })
  partnerCost: string;

  static from(exposure: PartnerExposure): ExposureSchema {
    return { partnerDbu: formatDecimal(exposure.dbu), partnerCost: formatDecimal(exposure.cost) };
  }
}

export class BudgetResponse {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: 'string', nullable: true }) roomId: string | null;
  @ApiProperty({ type: PeriodSchema }) period: PeriodSchema;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({
    enum: ['ok', 'warning', 'exceeded', 'blocked'],
    description: '`blocked`: the cap is reached under the block policy; start no more partner runs',
  })
  status: string;
  @ApiProperty({ description: 'False when the plan in effect has no exposure cap' })
  capped: boolean;
  @ApiProperty({ type: 'string', enum: ['dbu', 'cost'], nullable: true }) measure: string | null;
  @ApiProperty({ type: 'string', enum: ['absorb', 'overage', 'block'], nullable: true })
  policy: string | null;
  @PartnerOnly(COST_CAP)
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    nullable: true,
    description: 'For the plan segment in effect',
  })
  cap: string | null;
  @PartnerOnly(COST_CAP)
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true })
  used: string | null;
  @PartnerOnly(COST_CAP)
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true })
  remaining: string | null;
  @PartnerOnly(COST_CAP)
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    nullable: true,
    description: 'used / cap, two decimals',
  })
  percent: string | null;
  @ApiProperty({ type: [Number], example: [50, 80] }) thresholdsReached: number[];
  @ApiProperty({ format: 'date-time', nullable: true, type: 'string' }) segmentFrom: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: 'string' }) segmentTo: string | null;
  @ApiProperty({ type: ExposureSchema, description: 'Partner-triggered usage of the customer' })
  exposure: ExposureSchema;
  @ApiProperty({ type: ExposureSchema, nullable: true, description: 'The room’s share of it' })
  roomExposure: ExposureSchema | null;

  static from(budget: Budget): BudgetResponse {
    const evaluation = budget.cap?.evaluation;
    return {
      customerId: budget.customerId,
      roomId: budget.roomId,
      period: PeriodSchema.from(budget.period),
      asOf: budget.asOf.toISOString(),
      status: evaluation?.status ?? 'ok',
      capped: budget.cap !== null,
      measure: budget.cap?.definition.measure ?? null,
      policy: budget.cap?.definition.policy ?? null,
      cap: evaluation ? formatDecimal(evaluation.cap) : null,
      used: evaluation ? formatDecimal(evaluation.used) : null,
      remaining: evaluation ? formatDecimal(evaluation.cap.minus(evaluation.withinCap)) : null,
      percent: evaluation ? formatDecimal(evaluation.ratio.times(100), 2) : null,
      thresholdsReached: evaluation ? [...evaluation.thresholdsReached] : [],
      segmentFrom: budget.segment?.from.toISOString() ?? null,
      segmentTo: budget.segment?.to.toISOString() ?? null,
      exposure: ExposureSchema.from(budget.exposure.customer),
      roomExposure: budget.exposure.room ? ExposureSchema.from(budget.exposure.room) : null,
    };
  }
}
