import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHARGE_BASES } from '../../domain/charge-basis';
import { CHARGE_MODEL_NAMES } from '../../domain/charge-definition';
import { CAP_MEASURES, CAP_POLICIES } from '../../domain/plan-version-terms';

/**
 * Documentation of the nested terms. They are checked by the pricing domain's validator (field
 * paths such as `charges.1.pricing.tiers.0.upTo` and stable codes), not by class-validator, so
 * that stored terms and request terms go through the same rules.
 */
export class PriceTierSchema {
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    nullable: true,
    description: 'Inclusive; null on the last tier',
  })
  upTo: string | null;
  @ApiProperty({ type: 'string', format: 'decimal' }) unitPrice: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal' }) flatFee?: string;
}

export class ChargePricingSchema {
  @ApiProperty({ enum: CHARGE_MODEL_NAMES }) model: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'flat' }) amount?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'per_unit' })
  unitPrice?: string;
  @ApiPropertyOptional({ type: [PriceTierSchema], description: 'graduated, volume' })
  tiers?: PriceTierSchema[];
  @ApiPropertyOptional({
    type: 'string',
    format: 'decimal',
    description: 'package: units per block',
  })
  size?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'package' })
  blockPrice?: string;
  @ApiPropertyOptional({
    type: 'string',
    format: 'decimal',
    description: 'percentage: a fraction, "0.15" = 15 %',
  })
  rate?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Free units per period' })
  included?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Per period, prorated' })
  minimum?: string;
  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Per period, prorated' })
  maximum?: string;
}

export class PlanChargeSchema {
  @ApiProperty({ example: 'managed_runs', pattern: '^[a-z][a-z0-9_]{0,39}$' }) key: string;
  @ApiProperty({ example: 'Managed premium runs, per DBU' }) description: string;
  @ApiProperty({ enum: CHARGE_BASES }) basis: string;
  @ApiProperty({ type: ChargePricingSchema }) pricing: ChargePricingSchema;
}

export class ExposureCapSchema {
  @ApiProperty({ enum: CAP_MEASURES }) measure: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'DBU, or partner cost, per period',
  })
  amount: string;
  @ApiProperty({ enum: CAP_POLICIES }) policy: string;
  @ApiPropertyOptional({
    type: 'string',
    format: 'decimal',
    description: 'Per DBU; policy overage only',
  })
  overagePrice?: string;
}
