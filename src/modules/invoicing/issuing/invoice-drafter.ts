import { Inject, Injectable } from '@nestjs/common';
import type { Dec } from '../../../shared/money/decimal';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { ratingResultToJson } from '../../pricing/domain/rating-result.serializer';
import {
  PeriodRatingService,
  RatedPeriod,
  ratedSegmentsToJson,
} from '../../pricing/rating/period-rating.service';
import { linesFromRating } from '../domain/invoice-lines';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import { invoiceTotals } from '../domain/invoice-totals';
import { correctPeriods, isCorrectable } from '../domain/period-corrections';
import { CorrectionBasisRepository } from '../corrections/correction-basis.repository';
import type { DraftContent, InvoiceDetails } from '../invoices/stored-invoice';

/** How far back finalized periods are rated again for late data (a year and a day). */
const CORRECTION_LOOKBACK_MS = 366 * 86_400_000;

/**
 * What a customer's invoice for a period holds, computed now: the period rated by the pricing
 * kernel (the same call as the upcoming invoice), plus corrections of earlier finalized periods
 * whose usage changed since they were invoiced.
 */
@Injectable()
export class InvoiceDrafter {
  constructor(
    private readonly rating: PeriodRatingService,
    private readonly basis: CorrectionBasisRepository,
    private readonly calendar: BillingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async draft(customerId: string, period: BillingPeriod): Promise<DraftContent> {
    return (await this.draftRated(customerId, period)).content;
  }

  /** The draft, and the rating of the period it was made from. */
  async draftRated(
    customerId: string,
    period: BillingPeriod,
  ): Promise<{ rated: RatedPeriod; content: DraftContent }> {
    const basisVersion = await this.basis.correctionBasisVersion(customerId);
    const rated = await this.rating.rate(customerId, period);
    const lookback = new Date(period.start.getTime() - CORRECTION_LOOKBACK_MS);
    const basis = await this.basis.load(customerId, lookback, period.start);
    const ratedNow = new Map<string, Dec>();
    for (const issued of basis.issued.filter(isCorrectable)) {
      const again = await this.rating.rate(customerId, this.calendar.periodOf(issued));
      ratedNow.set(issued.id, again.result.total);
    }
    const corrections = correctPeriods(basis, ratedNow);
    const lines: InvoiceLineDraft[] = [
      ...linesFromRating(rated.result, rated.segments),
      ...corrections.lines,
    ];
    const content: DraftContent = {
      currency: rated.result.currency,
      lines,
      totals: invoiceTotals(lines),
      details: detailsOf(rated, []),
      ratedAt: this.clock.now(),
      credits: corrections.credits,
      basisVersion,
    };
    return { rated, content };
  }
}

export function detailsOf(
  rated: RatedPeriod,
  creditNotes: InvoiceDetails['creditNotes'],
): InvoiceDetails {
  const json = ratingResultToJson(rated.result);
  return {
    segments: ratedSegmentsToJson(rated),
    information: json.information,
    caps: json.caps,
    creditNotes,
  };
}
