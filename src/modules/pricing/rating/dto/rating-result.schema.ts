import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PartnerOnly } from '../../../../shared/visibility/partner-only.decorator';
import { CHARGE_BASES } from '../../domain/charge-basis';
import { CHARGE_MODEL_NAMES } from '../../domain/charge-definition';
import type { BillingPeriod } from '../../../../shared/time/billing-period';

export class LineSourceSchema {
  @ApiProperty() roomId: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'The room’s part of the quantity',
  })
  quantity: string;
}

export class TierAmountSchema {
  @ApiProperty({
    enum: [
      'flat',
      'per_unit',
      'percentage',
      'included',
      'graduated_tier',
      'volume_tier',
      'package',
      'minimum',
      'maximum',
      'proration',
    ],
  })
  kind: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) units: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) unitPrice: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) flatFee: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) amount: string;
  @ApiPropertyOptional() tier?: number;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) from?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', nullable: true }) upTo?: string | null;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) blocks?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) blockSize?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) limit?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) factor?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) amountBefore?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) amountAfter?: string;
}

export class RatedLineSchema {
  @ApiProperty({ description: 'Index in segments' }) segment: number;
  @ApiProperty({ enum: ['charge', 'overage'] }) kind: string;
  @ApiProperty({ example: 'subscription' }) chargeKey: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: CHARGE_BASES }) basis: string;
  @ApiProperty({ enum: CHARGE_MODEL_NAMES }) model: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) quantity: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    nullable: true,
    description: 'Null when tiers or adjustments make up the amount (see breakdown)',
  })
  unitPrice: string | null;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Full precision' }) amount: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Half-up to the minor unit' })
  roundedAmount: string;
  @ApiProperty({ type: [TierAmountSchema] }) breakdown: TierAmountSchema[];
  @ApiProperty({ type: [LineSourceSchema], description: 'The rooms the line comes from' })
  rooms: LineSourceSchema[];
}

export class InformationLineSchema {
  @ApiProperty() segment: number;
  @ApiProperty({ enum: ['customer_compute', 'absorbed_compute'] }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) dbu: string;
  @PartnerOnly({
    when: (line) => line.kind === 'absorbed_compute',
    whenText: 'kind is absorbed_compute, where it is partner cost',
  })
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'List cost (customer compute) or partner cost (absorbed)',
  })
  cost: string;
  @ApiProperty({ type: [LineSourceSchema] }) rooms: LineSourceSchema[];
}

/** A cap measured in partner cost: its figures are partner cost, and so the partner's business. */
export const COST_MEASURED = (holder: Readonly<Record<string, unknown>>) =>
  holder.measure === 'cost';
const COST_CAP = { when: COST_MEASURED, whenText: 'the cap is measured in cost' };

export class CapOutcomeSchema {
  @ApiProperty() segment: number;
  @ApiProperty({ enum: ['dbu', 'cost'] }) measure: string;
  @ApiProperty({ enum: ['absorb', 'overage', 'block'] }) policy: string;
  @PartnerOnly(COST_CAP)
  @ApiProperty({ type: 'string', format: 'decimal', description: 'For the segment (prorated)' })
  cap: string;
  @PartnerOnly(COST_CAP)
  @ApiProperty({ type: 'string', format: 'decimal' })
  used: string;
  @PartnerOnly(COST_CAP)
  @ApiProperty({ type: 'string', format: 'decimal' })
  percent: string;
  @PartnerOnly(COST_CAP)
  @ApiProperty({ type: 'string', format: 'decimal' })
  excess: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) excessDbu: string;
  @ApiProperty({ enum: ['ok', 'warning', 'exceeded', 'blocked'] }) status: string;
  @ApiProperty({ type: [Number], example: [50, 80] }) thresholdsReached: number[];
}

export class PeriodSchema {
  @ApiProperty({ example: '2026-03' }) key: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) end: string;
  @ApiProperty({ example: 'UTC' }) timeZone: string;

  static from(period: BillingPeriod): PeriodSchema {
    return {
      key: period.key,
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      timeZone: period.timeZone,
    };
  }
}

/** Lines, information and caps of a rated period, as the kernel's serializer writes them. */
export class RatingResultSchema {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: [RatedLineSchema] }) lines: RatedLineSchema[];
  @ApiProperty({ type: [InformationLineSchema], description: 'Shown, never in the total' })
  information: InformationLineSchema[];
  @ApiProperty({ type: [CapOutcomeSchema] }) caps: CapOutcomeSchema[];
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Σ rounded line amounts' })
  total: string;
}
