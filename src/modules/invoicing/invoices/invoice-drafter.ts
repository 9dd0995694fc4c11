import { Inject, Injectable } from '@nestjs/common';
import { D } from '../../../shared/money/decimal';
import { billingPeriodFromKey, type BillingPeriod } from '../../../shared/time/billing-period';
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
import {
  correctionLine,
  periodCorrection,
  spreadCredit,
  type CorrectionInput,
} from '../domain/period-correction';
import { InvoicesRepository } from './invoices.repository';
import type { DraftContent, InvoiceDetails } from './stored-invoice';

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
    private readonly invoices: InvoicesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async draft(customerId: string, period: BillingPeriod): Promise<DraftContent> {
    const basisVersion = await this.invoices.correctionBasisVersion(customerId);
    const rated = await this.rating.rate(customerId, period);
    const lines: InvoiceLineDraft[] = linesFromRating(rated.result, rated.segments);
    const credits: DraftContent['credits'][number][] = [];
    const lookback = new Date(period.start.getTime() - CORRECTION_LOOKBACK_MS);
    for (const issued of await this.invoices.issuedBetween(customerId, lookback, period.start)) {
      if (issued.status === 'void' || issued.number === null) continue;
      const again = await this.rating.rate(
        customerId,
        billingPeriodFromKey(issued.periodKey, issued.timeZone),
      );
      const carried = await this.invoices.correctionsOf(issued.id);
      const input: CorrectionInput = {
        invoiceId: issued.id,
        invoiceNumber: issued.number,
        periodKey: issued.periodKey,
        periodStart: issued.periodStart,
        periodEnd: issued.periodEnd,
        billed: issued.subtotal
          .plus(carried.reduce((sum, line) => sum.plus(line.roundedAmount), new D(0)))
          .minus(await this.invoices.correctionCreditsFor(customerId, issued.periodKey)),
        ratedNow: again.result.total,
      };
      const correction = periodCorrection(input);
      if (correction.kind === 'adjustment') lines.push(correction.line);
      if (correction.kind === 'credit') {
        const targets = [];
        for (const invoiceId of new Set([issued.id, ...carried.map((line) => line.invoiceId)])) {
          const target = await this.invoices.findById(invoiceId);
          if (!target || target.status === 'void' || target.status === 'draft') continue;
          // What is left of it, less what this very draft already credits it for other periods.
          const creditedHere = credits
            .filter((credit) => credit.invoiceId === invoiceId)
            .reduce((sum, credit) => sum.plus(credit.amount), new D(0));
          targets.push({
            invoiceId,
            remaining: target.total
              .minus(await this.invoices.creditedFor(invoiceId))
              .minus(creditedHere),
          });
        }
        const spread = spreadCredit(correction.amount, targets);
        for (const note of spread.notes) credits.push({ ...note, period: issued.periodKey });
        if (!spread.leftover.isZero()) lines.push(correctionLine(input, spread.leftover.negated()));
      }
    }
    return {
      currency: rated.result.currency,
      lines,
      totals: invoiceTotals(lines),
      details: detailsOf(rated, []),
      ratedAt: this.clock.now(),
      credits,
      basisVersion,
    };
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
