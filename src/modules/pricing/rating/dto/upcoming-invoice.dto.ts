import { ApiProperty } from '@nestjs/swagger';
import { ratingResultToJson } from '../../domain/rating-result.serializer';
import { ratedSegmentsToJson, type RatedPeriod } from '../period-rating.service';
import { PeriodSchema, RatingResultSchema } from './rating-result.schema';

export class RatedSegmentSchema {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Share of the period' })
  factor: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) planVersionId: string;
  @ApiProperty() version: number;
  @ApiProperty() model: string;
}

export class UpcomingInvoiceResponse extends RatingResultSchema {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: PeriodSchema }) period: PeriodSchema;
  @ApiProperty({ format: 'date-time', description: 'Rated with the usage received until then' })
  asOf: string;
  @ApiProperty({ type: [RatedSegmentSchema], description: 'One per plan version in effect' })
  segments: RatedSegmentSchema[];

  static from(rated: RatedPeriod, asOf: Date): UpcomingInvoiceResponse {
    return {
      customerId: rated.customerId,
      period: PeriodSchema.from(rated.period),
      asOf: asOf.toISOString(),
      segments: ratedSegmentsToJson(rated),
      ...ratingResultToJson(rated.result),
    };
  }
}
