import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { IsDateTime } from '../../../shared/validation/is-date-time.decorator';
import { IsDecimalString } from '../../../shared/validation/is-decimal-string.decorator';
import { NestedObject } from '../../../shared/validation/nested-object.decorator';
import { Optional } from '../../../shared/validation/optional.decorator';
import { IsCurrencyCode } from '../../../shared/validation/registry-validators';
import { PRICING_MODELS, type PricingModel } from '../domain/plan-version-terms';
import { PlanVersionParametersDto } from '../plans/dto/plan.dto';
import { RatingResultSchema } from '../rating/dto/rating-result.schema';

/** Usage aggregates of a quoted segment; every figure defaults to zero. */
export class QuoteUsageDto {
  @IsDecimalString({ required: false, description: 'DBU of partner-triggered runs' })
  @Optional()
  partnerDbu?: string;

  @IsDecimalString({ required: false, description: 'Their partner cost' })
  @Optional()
  partnerCost?: string;

  @IsDecimalString({ required: false, description: 'Their list cost' })
  @Optional()
  partnerListCost?: string;

  @IsDecimalString({ required: false, description: 'DBU of customer-triggered runs' })
  @Optional()
  customerDbu?: string;

  @IsDecimalString({ required: false, description: 'Their list cost' })
  @Optional()
  customerListCost?: string;

  @IsDecimalString({
    required: false,
    pattern: /^\d{1,12}$/,
    message: '$property must be a whole number as a string',
    description: 'Partner-triggered runs',
  })
  @Optional()
  partnerRuns?: string;

  @ApiPropertyOptional({ description: 'Active rooms (the `room` basis)', minimum: 0 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rooms?: number;
}

/** A plan version given inline: a template and its parameters, and/or charges. */
export class QuotePlanDto extends PlanVersionParametersDto {
  @ApiProperty({ enum: PRICING_MODELS })
  @IsIn(PRICING_MODELS)
  model: PricingModel;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency: string;
}

export class QuotePeriodDto {
  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  start: Date;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  @IsDateTime()
  end: Date;
}

/** A plan (one of the catalogue's, or inline) and the usage to rate it on. */
export class QuotedPlanAndUsageDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A catalogue version; or give `plan`' })
  @Optional()
  @IsUUID()
  planVersionId?: string;

  @ApiPropertyOptional({ type: QuotePlanDto })
  @Optional()
  @NestedObject(() => QuotePlanDto)
  plan?: QuotePlanDto;

  @ApiPropertyOptional({ type: QuoteUsageDto })
  @Optional()
  @NestedObject(() => QuoteUsageDto)
  usage?: QuoteUsageDto;
}

export class QuoteSegmentDto extends QuotedPlanAndUsageDto {
  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  from: Date;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  @IsDateTime()
  to: Date;
}

/**
 * Either one plan (`planVersionId` or `plan`) and `usage` for the whole period, or `segments`,
 * each with its own plan and usage (a plan change inside the period).
 */
export class CreateQuoteDto extends QuotedPlanAndUsageDto {
  @ApiProperty({ type: QuotePeriodDto })
  @NestedObject(() => QuotePeriodDto)
  period: QuotePeriodDto;

  @ApiPropertyOptional({ type: [QuoteSegmentDto] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(31)
  @NestedObject(() => QuoteSegmentDto, { each: true })
  segments?: QuoteSegmentDto[];
}

/** The period of a quote as answered: a response class of its own, open to new fields. */
export class QuotedPeriodSchema {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) end: string;
}

export class QuoteSegmentSchema {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) factor: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) planVersionId: string | null;
}

export class QuoteResponse extends RatingResultSchema {
  @ApiProperty({ type: QuotedPeriodSchema }) period: QuotedPeriodSchema;
  @ApiProperty({ type: [QuoteSegmentSchema] }) segments: QuoteSegmentSchema[];
}
