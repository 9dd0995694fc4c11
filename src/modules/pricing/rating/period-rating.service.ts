import { Injectable } from '@nestjs/common';
import { formatDecimal } from '../../../shared/money/decimal';
import { CustomersService } from '../../registry/customers/customers.service';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { periodSegments } from '../domain/period-segments';
import { ratePeriod, type RatingResult, type RatingSegment } from '../domain/rate-period';
import { sumUsage } from '../domain/usage-aggregates';
import { RoomPeriodUsageReader } from '../../usage/queries/room-period-usage.reader';
import { billedTermsOrThrow, SubscriptionsService } from '../subscriptions/subscriptions.service';
import type { SubscriptionEntry } from '../subscriptions/subscriptions.repository';

export interface RatedPeriod {
  readonly customerId: string;
  readonly period: BillingPeriod;
  /** The subscription entry behind each segment of the result, in the same order. */
  readonly entries: readonly SubscriptionEntry[];
  readonly segments: readonly RatingSegment[];
  readonly result: RatingResult;
}

/**
 * Rates a customer's period from its plan history and the rollups: the one path the upcoming
 * invoice and the invoices share (the kernel, ratePeriod, is the one path of all rating).
 */
@Injectable()
export class PeriodRatingService {
  constructor(
    private readonly customers: CustomersService,
    private readonly subscriptions: SubscriptionsService,
    private readonly usage: RoomPeriodUsageReader,
  ) {}

  async rate(customerId: string, period: BillingPeriod): Promise<RatedPeriod> {
    const customer = await this.customers.findOrThrow(customerId);
    const history = await this.subscriptions.historyBefore(customerId, period.end);
    const pieces = periodSegments(
      period,
      history.map((entry) => ({ effectiveFrom: entry.effectiveFrom, value: entry })),
    );
    const segments: RatingSegment[] = [];
    for (const piece of pieces) {
      const rooms = await this.usage.roomUsage(customerId, customer.currency, piece.from, piece.to);
      segments.push({
        from: piece.from,
        to: piece.to,
        factor: piece.factor,
        planVersionId: piece.value.planVersionId,
        terms: billedTermsOrThrow(piece.value.terms, piece.value.overrides),
        usage: { totals: sumUsage(rooms), activeRooms: rooms.length, rooms },
      });
    }
    return {
      customerId,
      period,
      entries: pieces.map((piece) => piece.value),
      segments,
      result: ratePeriod({ currency: customer.currency, segments }),
    };
  }
}

/** One rated segment as the invoice and the upcoming invoice show it. */
export interface RatedSegmentJson {
  readonly from: string;
  readonly to: string;
  readonly factor: string;
  readonly planId: string;
  readonly planVersionId: string;
  readonly version: number;
  readonly model: string;
}

export function ratedSegmentsToJson(rated: RatedPeriod): RatedSegmentJson[] {
  return rated.segments.map((segment, i) => ({
    from: segment.from.toISOString(),
    to: segment.to.toISOString(),
    factor: formatDecimal(segment.factor),
    planId: rated.entries[i].planId,
    planVersionId: rated.entries[i].planVersionId,
    version: rated.entries[i].version,
    model: segment.terms.model,
  }));
}
