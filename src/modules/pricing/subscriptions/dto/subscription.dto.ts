import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsUUID } from 'class-validator';
import { IsDateTime } from '../../../../shared/validation/is-date-time.decorator';
import { Optional } from '../../../../shared/validation/optional.decorator';
import type { SubscriptionOverrides } from '../../domain/subscription-overrides';
import type { SubscriptionEntry } from '../subscriptions.repository';

export class SubscriptionOverridesSchema {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    example: { subscription: { amount: '4500' } },
    description: 'Per charge key, pricing fields that replace the version’s',
  })
  charges?: Record<string, Record<string, unknown>>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { amount: '1500' },
    description: 'Exposure cap fields that replace the version’s',
  })
  exposureCap?: Record<string, unknown>;
}

export class PutSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planVersionId: string;

  @ApiProperty({ format: 'date-time', description: 'Not before the start of the current period' })
  @IsDateTime()
  effectiveFrom: Date;

  @ApiPropertyOptional({ type: SubscriptionOverridesSchema })
  @Optional()
  @IsObject()
  overrides?: SubscriptionOverrides;
}

export class SubscriptionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) planVersionId: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) effectiveFrom: string;
  @ApiProperty({ type: SubscriptionOverridesSchema, nullable: true })
  overrides: SubscriptionOverrides | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(entry: SubscriptionEntry): SubscriptionResponse {
    return {
      id: entry.id,
      customerId: entry.customerId,
      planId: entry.planId,
      planVersionId: entry.planVersionId,
      version: entry.version,
      effectiveFrom: entry.effectiveFrom.toISOString(),
      overrides: entry.overrides,
      createdAt: entry.createdAt.toISOString(),
    };
  }
}

export class SubscriptionHistoryResponse {
  @ApiProperty({ type: SubscriptionResponse, nullable: true, description: 'In effect now' })
  current: SubscriptionResponse | null;
  @ApiProperty({ type: [SubscriptionResponse], description: 'Every entry, oldest first' })
  history: SubscriptionResponse[];
}
