import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { conflict, notFound } from '../../../shared/errors/domain-error';
import { minorUnits } from '../../../shared/money/currency';
import { formatDecimal } from '../../../shared/money/decimal';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CorrectionBasisRepository } from '../corrections/correction-basis.repository';
import { CreditNoteWriter } from '../credit-notes/credit-note-writer';
import { InvoiceMetrics, type IssuedDocuments } from '../invoice-metrics';
import { InvoicesRepository } from '../invoices/invoices.repository';
import type { DraftContent, StoredInvoice } from '../invoices/stored-invoice';
import { PaymentQueue } from '../payment-sync/payment-queue';
import { DocumentNumbersRepository } from './document-numbers.repository';
import { StaleCorrectionsError, withFreshCorrections } from './fresh-corrections';
import { InvoiceDrafter } from './invoice-drafter';
import { InvoicingLock } from './invoicing-lock';

/** What a pass rated outside the transaction: a customer's content, or an answer already. */
type Rated<T> =
  { readonly done: T } | { readonly customerId: string; readonly content: DraftContent };

/** What a pass stored, and the documents it issued (counted once the transaction committed). */
interface Stored<T> {
  readonly value: T;
  readonly issued: IssuedDocuments | null;
}

/**
 * The one issuing pipeline of close, finalize and recompute: rate (outside any transaction),
 * then, under the customer's invoicing lock, draft and issue. Issuing checks the correction
 * basis the content was rated from and rates again when it moved; it numbers the credit notes
 * and the invoice in one gap-free series each, in the same transaction as the payment outbox
 * rows. What was issued is counted after the commit.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly lock: InvoicingLock,
    private readonly invoices: InvoicesRepository,
    private readonly drafter: InvoiceDrafter,
    private readonly basis: CorrectionBasisRepository,
    private readonly numbers: DocumentNumbersRepository,
    private readonly paymentQueue: PaymentQueue,
    private readonly creditNotes: CreditNoteWriter,
    private readonly metrics: InvoiceMetrics,
    private readonly calendar: BillingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The customer-period's invoice, drafted and, with `graceOver`, finalized in one transaction
   * with what was just rated. Null when there is nothing to invoice (no plan in the period and
   * no correction to carry); the invoice as it is when another close made it first.
   */
  close(customerId: string, period: BillingPeriod, graceOver: boolean) {
    return this.pipeline<StoredInvoice | null>(
      async () => {
        const content = await this.drafter.draft(customerId, period);
        if (content.details.segments.length === 0 && content.lines.length === 0) {
          return { done: null };
        }
        return { customerId, content };
      },
      async (manager, content) => {
        const id = await this.invoices.insertDraft(
          manager,
          customerId,
          period,
          content.currency,
          content,
        );
        if (id === null) {
          const value = await this.invoices.findForPeriod(customerId, period.key, manager, true);
          return { value, issued: null };
        }
        const draft = await this.invoices.findById(id, manager);
        if (!draft) throw new Error(`invoice ${id} vanished`);
        if (!graceOver) return { value: draft, issued: null };
        const issued = await this.issueIn(manager, draft, content, true);
        return { value: await this.invoices.findById(id, manager), issued };
      },
    );
  }

  /**
   * Rates the draft once more (late data inside the grace period counts), then finalizes it.
   * With `alreadyFinalizedIsFine` (the close, which another replica may be running too), an
   * invoice finalized meanwhile is left as it is instead of refused.
   */
  async finalize(id: string, alreadyFinalizedIsFine: boolean): Promise<void> {
    await this.pipeline<void>(
      async () => {
        const invoice = await this.invoiceOrThrow(id);
        if (alreadyFinalizedIsFine && invoice.status !== 'draft') return { done: undefined };
        assertDraft(invoice);
        return { customerId: invoice.customerId, content: await this.contentFor(invoice) };
      },
      async (manager, content) => {
        const current = await this.lockedInvoice(manager, id);
        if (alreadyFinalizedIsFine && current.status !== 'draft') {
          return { value: undefined, issued: null };
        }
        assertDraft(current);
        return { value: undefined, issued: await this.issueIn(manager, current, content, false) };
      },
    );
  }

  /** A draft rated again; nothing issued. */
  async recompute(id: string): Promise<void> {
    await this.pipeline<void>(
      async () => {
        const invoice = await this.invoiceOrThrow(id);
        assertDraft(invoice);
        return { customerId: invoice.customerId, content: await this.contentFor(invoice) };
      },
      async (manager, content) => {
        assertDraft(await this.lockedInvoice(manager, id));
        await this.invoices.replaceDraft(manager, id, content);
        return { value: undefined, issued: null };
      },
    );
  }

  /**
   * Rated before the transaction (the embedded database has a single connection), stored under
   * the customer's lock; all of it again when the correction basis moved in between.
   */
  private async pipeline<T>(
    rate: () => Promise<Rated<T>>,
    store: (manager: EntityManager, content: DraftContent) => Promise<Stored<T>>,
  ): Promise<T> {
    const stored = await withFreshCorrections(async (): Promise<Stored<T>> => {
      const rated = await rate();
      if ('done' in rated) return { value: rated.done, issued: null };
      return this.lock.underCustomerLock(rated.customerId, (manager) =>
        store(manager, rated.content),
      );
    });
    if (stored.issued) this.metrics.issued(stored.issued);
    return stored.value;
  }

  /**
   * Finalizes `draft` inside the caller's transaction (which holds the customer's lock): its
   * credit notes numbered, its content stored (unless `contentStored`: the draft was just
   * written with it), the next invoice number, the payment outbox row. All or nothing. Returns
   * what it issued, for the caller to count once the transaction has committed.
   */
  private async issueIn(
    manager: EntityManager,
    draft: StoredInvoice,
    content: DraftContent,
    contentStored: boolean,
  ): Promise<IssuedDocuments> {
    // Another draft of this customer may have issued corrections since `content` was rated.
    if (
      (await this.basis.correctionBasisVersion(draft.customerId, manager)) !== content.basisVersion
    ) {
      throw new StaleCorrectionsError();
    }
    const now = this.clock.now();
    const creditNotes = [];
    for (const credit of content.credits) {
      const credited = await this.invoices.findById(credit.invoiceId, manager);
      if (!credited) throw notFound('Invoice', credit.invoiceId);
      const number = await this.numbers.nextNumber(manager, 'CN', now);
      await this.creditNotes.creditIn(
        manager,
        credited,
        {
          number,
          invoiceId: credit.invoiceId,
          customerId: draft.customerId,
          currency: draft.currency,
          amount: credit.amount,
          reason: `Correction of ${credit.period}: usage retracted or corrected after it was invoiced`,
          correctsPeriod: credit.period,
          issuedWithInvoiceId: draft.id,
        },
        now,
      );
      creditNotes.push({
        number,
        amount: formatDecimal(credit.amount, minorUnits(draft.currency)),
        correctsPeriod: credit.period,
      });
    }
    if (!contentStored || creditNotes.length > 0) {
      await this.invoices.replaceDraft(manager, draft.id, {
        ...content,
        details: { ...content.details, creditNotes },
      });
    }
    const number = await this.numbers.nextNumber(manager, 'INV', now);
    const sync = this.config.stripe.secretKey === null ? 'disabled' : 'pending';
    await this.invoices.markFinalized(manager, draft.id, number, now, sync);
    await this.paymentQueue.enqueueInvoice(manager, draft.id, now);
    return { invoices: 1, creditNotes: creditNotes.length };
  }

  private contentFor(invoice: StoredInvoice): Promise<DraftContent> {
    return this.drafter.draft(invoice.customerId, this.calendar.periodOf(invoice));
  }

  private async invoiceOrThrow(id: string): Promise<StoredInvoice> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  /** The invoice as it is under the customer's lock (state read before the lock may be stale). */
  private async lockedInvoice(manager: EntityManager, id: string): Promise<StoredInvoice> {
    const current = await this.invoices.findById(id, manager, true);
    if (!current) throw notFound('Invoice', id);
    return current;
  }
}

function assertDraft(invoice: StoredInvoice): void {
  if (invoice.status !== 'draft') {
    throw conflict(
      'invoice_not_draft',
      `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: it never changes`,
    );
  }
}
