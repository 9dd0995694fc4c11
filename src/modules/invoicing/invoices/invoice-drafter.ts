import { Inject, Injectable } from '@nestjs/common';
import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import { billingPeriodFromKey, type BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { ratingResultToJson } from '../../pricing/domain/rating-result.serializer';
import { PeriodRatingService, RatedPeriod } from '../../pricing/rating/period-rating.service';
import { linesFromRating } from '../domain/invoice-lines';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import { invoiceTotals } from '../domain/invoice-totals';
import { periodCorrection } from '../domain/period-correction';
import { InvoicesRepository } from './invoices.repository';
import type { DraftContent, InvoiceDetails } from './stored-invoice';

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
    const rated = await this.rating.rate(customerId, period);
    const lines: InvoiceLineDraft[] = linesFromRating(rated.result, rated.segments);
    const credits: DraftContent['credits'][number][] = [];
    for (const issued of await this.invoices.issuedBefore(customerId, period.start)) {
      if (issued.status === 'void' || issued.number === null) continue;
      const again = await this.rating.rate(
        customerId,
        billingPeriodFromKey(issued.periodKey, issued.timeZone),
      );
      const correction = periodCorrection({
        invoiceId: issued.id,
        invoiceNumber: issued.number,
        periodKey: issued.periodKey,
        periodStart: issued.periodStart,
        periodEnd: issued.periodEnd,
        billed: await this.billedFor(issued.id, issued.subtotal),
        ratedNow: again.result.total,
      });
      if (correction.kind === 'adjustment') lines.push(correction.line);
      if (correction.kind === 'credit') {
        credits.push({ invoiceId: issued.id, period: issued.periodKey, amount: correction.amount });
      }
    }
    return {
      currency: rated.result.currency,
      lines,
      totals: invoiceTotals(lines),
      details: detailsOf(rated, []),
      ratedAt: this.clock.now(),
      credits,
    };
  }

  /** An issued invoice's own charges, plus adjustments issued for its period, minus its credit notes. */
  private async billedFor(invoiceId: string, subtotal: Dec): Promise<Dec> {
    const adjustments = (await this.invoices.correctionsOf(invoiceId)).reduce(
      (sum, line) => sum.plus(line.roundedAmount),
      new D(0),
    );
    return subtotal.plus(adjustments).minus(await this.invoices.creditedFor(invoiceId));
  }
}

export function detailsOf(
  rated: RatedPeriod,
  creditNotes: InvoiceDetails['creditNotes'],
): InvoiceDetails {
  const json = ratingResultToJson(rated.result);
  return {
    segments: rated.segments.map((segment, i) => ({
      from: segment.from.toISOString(),
      to: segment.to.toISOString(),
      factor: formatDecimal(segment.factor),
      planId: rated.entries[i].planId,
      planVersionId: rated.entries[i].planVersionId,
      version: rated.entries[i].version,
      model: segment.terms.model,
    })),
    information: json.information,
    caps: json.caps,
    creditNotes,
  };
}
