import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCurrencyCode } from '../../../shared/validation/registry-validators';
import { PRICING_MODELS, type PricingModel } from '../domain/plan-version-terms';
import { PlanVersionParametersDto } from '../plans/dto/plan.dto';
import { RatingResultSchema } from '../rating/dto/rating-result.schema';

const NON_NEGATIVE_DECIMAL = /^\d{1,20}(\.\d{1,18})?$/;
const decimal = { message: '$property must be a non-negative decimal string such as "12.50"' };

/** Usage aggregates of a quoted segment; every figure defaults to zero. */
export class QuoteUsageDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'decimal',
    description: 'DBU of partner-triggered runs',
  })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, decimal)
  partnerDbu?: string;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Their partner cost' })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, decimal)
  partnerCost?: string;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Their list cost' })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, decimal)
  partnerListCost?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'decimal',
    description: 'DBU of customer-triggered runs',
  })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, decimal)
  customerDbu?: string;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Their list cost' })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, decimal)
  customerListCost?: string;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', description: 'Partner-triggered runs' })
  @IsOptional()
  @Matches(/^\d{1,12}$/, { message: '$property must be a whole number as a string' })
  partnerRuns?: string;

  @ApiPropertyOptional({ description: 'Active rooms (the `room` basis)', minimum: 0 })
  @IsOptional()
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
  @Type(() => Date)
  @IsDate()
  start: Date;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  @Type(() => Date)
  @IsDate()
  end: Date;
}

/** A plan (one of the catalogue's, or inline) and the usage to rate it on. */
export class QuotedPlanAndUsageDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A catalogue version; or give `plan`' })
  @IsOptional()
  @IsUUID()
  planVersionId?: string;

  @ApiPropertyOptional({ type: QuotePlanDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuotePlanDto)
  plan?: QuotePlanDto;

  @ApiPropertyOptional({ type: QuoteUsageDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuoteUsageDto)
  usage?: QuoteUsageDto;
}

export class QuoteSegmentDto extends QuotedPlanAndUsageDto {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  @Type(() => Date)
  @IsDate()
  to: Date;
}

/**
 * Either one plan (`planVersionId` or `plan`) and `usage` for the whole period, or `segments`,
 * each with its own plan and usage (a plan change inside the period).
 */
export class CreateQuoteDto extends QuotedPlanAndUsageDto {
  @ApiProperty({ type: QuotePeriodDto })
  @ValidateNested()
  @Type(() => QuotePeriodDto)
  period: QuotePeriodDto;

  @ApiPropertyOptional({ type: [QuoteSegmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(31)
  @ValidateNested({ each: true })
  @Type(() => QuoteSegmentDto)
  segments?: QuoteSegmentDto[];
}

export class QuoteSegmentSchema {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) factor: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) planVersionId: string | null;
}

export class QuoteResponse extends RatingResultSchema {
  @ApiProperty({ type: QuotePeriodDto }) period: { start: string; end: string };
  @ApiProperty({ type: [QuoteSegmentSchema] }) segments: QuoteSegmentSchema[];
}
