import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, Length } from 'class-validator';
import { IsDecimalString } from '../../../../shared/validation/is-decimal-string.decorator';
import { IsCurrencyCode } from '../../../../shared/validation/registry-validators';
import { Optional } from '../../../../shared/validation/optional.decorator';
import type {
  ExposureCapDefinition,
  PlanCharge,
  PricingModel,
} from '../../domain/plan-version-terms';
import { PRICING_MODELS } from '../../domain/plan-version-terms';
import { PlanEntity } from '../plan.entity';
import { PlanVersionEntity } from '../plan-version.entity';
import { ExposureCapSchema, PlanChargeSchema } from './plan-terms.schema';

/** A version's template parameters and/or charges; the plan's model says which template. */
export class PlanVersionParametersDto {
  @IsDecimalString({ required: false, example: '5000', description: 'Templates: the period fee' })
  @Optional()
  subscriptionFee?: string;

  @ApiPropertyOptional({ type: ExposureCapSchema, description: 'Bundled: exactly one cap' })
  @Optional()
  @IsObject()
  exposureCap?: ExposureCapDefinition;

  @IsDecimalString({
    required: false,
    example: '0.90',
    description: 'Hybrid: per partner-triggered DBU',
  })
  @Optional()
  addOnUnitPrice?: string;

  @IsDecimalString({
    required: false,
    default: '1',
    description: 'Pass-through: share of list cost re-billed for partner-triggered runs',
  })
  @Optional()
  listCostRate?: string;

  @ApiPropertyOptional({
    type: [PlanChargeSchema],
    description: 'Charges replacing the template charge with the same key, or added to it',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  charges?: PlanCharge[];
}

export class CreatePlanDto extends PlanVersionParametersDto {
  @ApiProperty({ example: 'Audience insights — bundled', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    enum: PRICING_MODELS,
    description: 'The template every version of the plan follows',
  })
  @IsIn(PRICING_MODELS)
  model: PricingModel;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency: string;
}

export class PlanVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: PRICING_MODELS }) model: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [PlanChargeSchema] }) charges: PlanCharge[];
  @ApiProperty({ type: ExposureCapSchema, nullable: true })
  exposureCap: ExposureCapDefinition | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(version: PlanVersionEntity): PlanVersionResponse {
    return {
      id: version.id,
      planId: version.planId,
      version: version.version,
      model: version.terms.model,
      currency: version.terms.currency,
      charges: [...version.terms.charges],
      exposureCap: version.terms.exposureCap,
      createdAt: version.createdAt.toISOString(),
    };
  }
}

export class PlanSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PRICING_MODELS }) model: string;
  @ApiProperty() currency: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(plan: PlanEntity): PlanSummaryResponse {
    return {
      id: plan.id,
      name: plan.name,
      model: plan.model,
      currency: plan.currency,
      createdAt: plan.createdAt.toISOString(),
    };
  }
}

export class PlanResponse extends PlanSummaryResponse {
  @ApiProperty({ type: [PlanVersionResponse], description: 'Oldest first' })
  versions: PlanVersionResponse[];
}

export class PlanPage {
  @ApiProperty({ type: [PlanSummaryResponse] }) data: PlanSummaryResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
