import { Injectable } from '@nestjs/common';
import type { Dec } from '../../../shared/money/decimal';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { CreditNotesRepository } from '../credit-notes/credit-notes.repository';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import { InvoiceLinesRepository } from '../invoices/invoice-lines.repository';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { InvoiceDrafter } from '../issuing/invoice-drafter';
import { linesFromRating } from '../domain/invoice-lines';
import { PeriodRatingService } from '../../pricing/rating/period-rating.service';

/** A line of the period's bill; `id` and `position` are the stored line's (null: an estimate's). */
export interface BilledInvoiceLine extends InvoiceLineDraft {
  readonly id: string | null;
  readonly position: number;
}

/** What a customer is billed for one period, for reports (issue 14 seam: invoicing's reader). */
export interface BilledPeriod {
  /**
   * `invoice`: an issued invoice (open, paid or uncollectible); `estimate`: no invoice issued yet
   * (the period is open, in its grace, or not closed): the rating of the period to date, with the
   * corrections of earlier periods it would carry. A voided period bills nothing.
   */
  readonly from: 'invoice' | 'estimate' | 'void';
  readonly currency: string;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string | null;
  readonly lines: readonly BilledInvoiceLine[];
  /** Credit notes against the period's invoice (they take from what it bills). */
  readonly credits: readonly { readonly number: string; readonly amount: Dec; readonly at: Date }[];
}

@Injectable()
export class BilledPeriodsReader {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly lines: InvoiceLinesRepository,
    private readonly creditNotes: CreditNotesRepository,
    private readonly drafter: InvoiceDrafter,
    private readonly rating: PeriodRatingService,
  ) {}

  async billed(customerId: string, period: BillingPeriod): Promise<BilledPeriod> {
    const invoice = await this.invoices.findForPeriod(customerId, period.key);
    if (invoice !== null && invoice.status !== 'draft') {
      const identity = {
        currency: invoice.currency,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
      };
      if (invoice.status === 'void') return { from: 'void', ...identity, lines: [], credits: [] };
      const credits = await this.creditNotes.creditNotesOf(invoice.id);
      return {
        from: 'invoice',
        ...identity,
        lines: await this.lines.linesOf(invoice.id),
        credits: credits.map((note) => ({
          number: note.number,
          amount: note.amount,
          at: note.createdAt,
        })),
      };
    }
    const draft = await this.drafter.draft(customerId, period);
    return {
      from: 'estimate',
      currency: draft.currency,
      invoiceId: null,
      invoiceNumber: null,
      lines: draft.lines.map((line, position) => ({ ...line, id: null, position })),
      credits: [],
    };
  }

  /**
   * What the period bills the customer's rooms: the issued invoice's lines (none if voided), or
   * for a period not invoiced yet the rating of the period to date (`estimate`). Unlike `billed`,
   * an estimate leaves out the corrections of earlier periods: they charge no room, and finding
   * them rates every correctable period of the year again.
   */
  async roomCharges(
    customerId: string,
    period: BillingPeriod,
  ): Promise<Pick<BilledPeriod, 'from' | 'currency' | 'lines'>> {
    const invoice = await this.invoices.findForPeriod(customerId, period.key);
    if (invoice !== null && invoice.status !== 'draft') {
      if (invoice.status === 'void') return { from: 'void', currency: invoice.currency, lines: [] };
      return {
        from: 'invoice',
        currency: invoice.currency,
        lines: await this.lines.linesOf(invoice.id),
      };
    }
    const rated = await this.rating.rate(customerId, period);
    return {
      from: 'estimate',
      currency: rated.result.currency,
      lines: linesFromRating(rated.result, rated.segments).map((line, position) => ({
        ...line,
        id: null,
        position,
      })),
    };
  }
}
