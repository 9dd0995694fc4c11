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
  spreadCredits,
  type CorrectionInput,
  type CreditRequest,
} from '../domain/period-correction';
import { CorrectionBasisRepository } from '../corrections/correction-basis.repository';
import { CreditNotesRepository } from '../credit-notes/credit-notes.repository';
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
    private readonly basis: CorrectionBasisRepository,
    private readonly creditNotes: CreditNotesRepository,
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
    const lines: InvoiceLineDraft[] = linesFromRating(rated.result, rated.segments);
    const creditRequests: CreditRequest[] = [];
    const corrected = new Map<string, CorrectionInput>();
    const lookback = new Date(period.start.getTime() - CORRECTION_LOOKBACK_MS);
    for (const issued of await this.invoices.issuedBetween(customerId, lookback, period.start)) {
      if (issued.status === 'void' || issued.number === null) continue;
      const again = await this.rating.rate(
        customerId,
        billingPeriodFromKey(issued.periodKey, issued.timeZone),
      );
      const carried = await this.basis.correctionsOf(issued.id);
      const input: CorrectionInput = {
        invoiceId: issued.id,
        invoiceNumber: issued.number,
        periodKey: issued.periodKey,
        periodStart: issued.periodStart,
        periodEnd: issued.periodEnd,
        billed: issued.subtotal
          .plus(carried.reduce((sum, line) => sum.plus(line.roundedAmount), new D(0)))
          .minus(await this.basis.correctionCreditsFor(customerId, issued.periodKey)),
        ratedNow: again.result.total,
      };
      const correction = periodCorrection(input);
      if (correction.kind === 'adjustment') lines.push(correction.line);
      if (correction.kind === 'credit') {
        corrected.set(issued.periodKey, input);
        creditRequests.push({
          period: issued.periodKey,
          amount: correction.amount,
          targets: await this.creditTargets([issued.id, ...carried.map((line) => line.invoiceId)]),
        });
      }
    }
    const spread = spreadCredits(creditRequests);
    for (const leftover of spread.leftovers) {
      const input = corrected.get(leftover.period);
      if (input) lines.push(correctionLine(input, leftover.amount.negated()));
    }
    const credits = spread.notes;
    const content: DraftContent = {
      currency: rated.result.currency,
      lines,
      totals: invoiceTotals(lines),
      details: detailsOf(rated, []),
      ratedAt: this.clock.now(),
      credits,
      basisVersion,
    };
    return { rated, content };
  }

  /** The issued, not voided invoices among `ids`, with what is left of each to credit. */
  private async creditTargets(ids: readonly string[]): Promise<CreditRequest['targets'][number][]> {
    const targets = [];
    for (const invoiceId of new Set(ids)) {
      const target = await this.invoices.findById(invoiceId);
      if (!target || target.status === 'void' || target.status === 'draft') continue;
      targets.push({
        invoiceId,
        remaining: target.total.minus(await this.creditNotes.creditedFor(invoiceId)),
      });
    }
    return targets;
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
