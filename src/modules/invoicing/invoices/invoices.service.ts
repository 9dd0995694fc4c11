import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { badRequest, conflict, notFound } from '../../../shared/errors/domain-error';
import { formatDecimal, type Dec } from '../../../shared/money/decimal';
import { minorUnits } from '../../../shared/money/currency';
import { billingPeriodFromKey, type BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { EntityManager } from 'typeorm';
import { InvoiceMetrics, type IssuedDocuments } from '../invoice-metrics';
import { InvoiceDrafter } from './invoice-drafter';
import { CorrectionBasisRepository } from '../corrections/correction-basis.repository';
import { CreditNotesRepository } from '../credit-notes/credit-notes.repository';
import type { NewCreditNote, StoredCreditNote } from '../credit-notes/stored-credit-note';
import { DocumentNumbersRepository } from '../issuing/document-numbers.repository';
import { InvoicingLock } from '../issuing/invoicing-lock';
import { PaymentQueueRepository } from '../issuing/payment-queue.repository';
import { InvoiceLinesRepository } from './invoice-lines.repository';
import { InvoiceFilter, InvoicesRepository } from './invoices.repository';
import type { DraftContent, StoredInvoice, StoredInvoiceLine } from './stored-invoice';

export interface InvoiceView {
  readonly invoice: StoredInvoice;
  readonly lines: readonly StoredInvoiceLine[];
}

/**
 * An invoice's life after it is drafted: recomputed while a draft; finalized with the next
 * gap-free number, its credit notes and its payment outbox row in one transaction; never
 * changed after that (the database refuses it too).
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly repository: InvoicesRepository,
    private readonly lines: InvoiceLinesRepository,
    private readonly creditNotes: CreditNotesRepository,
    private readonly numbers: DocumentNumbersRepository,
    private readonly paymentQueue: PaymentQueueRepository,
    private readonly basis: CorrectionBasisRepository,
    private readonly lock: InvoicingLock,
    private readonly drafter: InvoiceDrafter,
    private readonly metrics: InvoiceMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async findOrThrow(id: string): Promise<InvoiceView> {
    return { invoice: await this.invoiceOrThrow(id), lines: await this.lines.linesOf(id) };
  }

  private async invoiceOrThrow(id: string): Promise<StoredInvoice> {
    const invoice = await this.repository.findById(id);
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  list(filter: InvoiceFilter, request: PageRequest): Promise<Page<StoredInvoice>> {
    return this.repository.page(filter, request);
  }

  async recompute(id: string): Promise<InvoiceView> {
    const invoice = await this.invoiceOrThrow(id);
    this.assertDraft(invoice);
    // Rated before the transaction: the embedded database has a single connection.
    const content = await this.contentFor(invoice);
    await this.lock.transaction(async (manager) => {
      const current = await this.lockedInvoice(manager, invoice.customerId, id);
      this.assertDraft(current);
      await this.repository.replaceDraft(manager, id, content);
    });
    return this.findOrThrow(id);
  }

  /**
   * Rates the draft once more (late data inside the grace period counts), then finalizes it.
   * With `alreadyFinalizedIsFine` (the close, which another replica may be running too), an
   * invoice finalized meanwhile is returned as it is instead of refused.
   */
  async finalize(id: string, alreadyFinalizedIsFine = false): Promise<InvoiceView> {
    const issued = await withFreshCorrections(async () => {
      const invoice = await this.invoiceOrThrow(id);
      if (alreadyFinalizedIsFine && invoice.status !== 'draft') return null;
      this.assertDraft(invoice);
      const content = await this.contentFor(invoice);
      return this.lock.transaction(async (manager) => {
        const current = await this.lockedInvoice(manager, invoice.customerId, id);
        if (alreadyFinalizedIsFine && current.status !== 'draft') return null;
        this.assertDraft(current);
        return this.issueIn(manager, current, content, false);
      });
    });
    if (issued) this.metrics.issued(issued);
    return this.findOrThrow(id);
  }

  /**
   * Finalizes `draft` inside the caller's transaction (which holds the customer-period lock):
   * its credit notes numbered, its content stored (unless `contentStored`: the draft was just
   * written with it), the next invoice number, the payment outbox row. All or nothing. Returns
   * what it issued, for the caller to count once the transaction has committed.
   */
  async issueIn(
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
      const credited = await this.repository.findById(credit.invoiceId, manager);
      if (!credited) throw notFound('Invoice', credit.invoiceId);
      const number = await this.numbers.nextNumber(manager, 'CN', now);
      await this.creditIn(manager, credited, {
        number,
        invoiceId: credit.invoiceId,
        customerId: draft.customerId,
        currency: draft.currency,
        amount: credit.amount,
        reason: `Correction of ${credit.period}: usage retracted or corrected after it was invoiced`,
        correctsPeriod: credit.period,
        issuedWithInvoiceId: draft.id,
      });
      creditNotes.push({
        number,
        amount: formatDecimal(credit.amount, minorUnits(draft.currency)),
        correctsPeriod: credit.period,
      });
    }
    if (!contentStored || creditNotes.length > 0) {
      await this.repository.replaceDraft(manager, draft.id, {
        ...content,
        details: { ...content.details, creditNotes },
      });
    }
    const number = await this.numbers.nextNumber(manager, 'INV', now);
    const sync = this.config.stripe.secretKey === null ? 'disabled' : 'pending';
    await this.repository.markFinalized(manager, draft.id, number, now, sync);
    await this.paymentQueue.enqueueInvoice(manager, draft.id, now);
    return { invoices: 1, creditNotes: creditNotes.length };
  }

  /** A manual credit against an issued invoice, never more than what is left of it. */
  async issueCreditNote(id: string, amount: Dec, reason: string) {
    const found = await this.invoiceOrThrow(id);
    const note = await this.lock.transaction(async (manager) => {
      const invoice = await this.lockedInvoice(manager, found.customerId, id);
      if (invoice.status === 'draft' || invoice.status === 'void') {
        throw conflict('not_creditable', `A ${invoice.status} invoice cannot be credited`);
      }
      const scale = minorUnits(invoice.currency);
      if (amount.decimalPlaces() > scale || !amount.greaterThan(0)) {
        throw badRequest(
          'invalid_amount',
          'The credit must be above zero, in the currency’s minor unit',
          [
            {
              field: 'amount',
              code: 'invalid_amount',
              message: `At most ${scale} decimals, above zero`,
            },
          ],
        );
      }
      const left = invoice.total.minus(await this.creditNotes.creditedFor(id, manager));
      if (amount.greaterThan(left)) {
        throw conflict(
          'credit_exceeds_invoice',
          `At most ${formatDecimal(left, scale)} is left to credit`,
        );
      }
      const number = await this.numbers.nextNumber(manager, 'CN', this.clock.now());
      return this.creditIn(manager, invoice, {
        number,
        invoiceId: id,
        customerId: invoice.customerId,
        currency: invoice.currency,
        amount,
        reason,
        correctsPeriod: null,
        issuedWithInvoiceId: null,
      });
    });
    this.metrics.issued({ invoices: 0, creditNotes: 1 });
    return note;
  }

  /** A credit note, queued for Stripe when the invoice it credits went there too. */
  private async creditIn(
    manager: EntityManager,
    credited: StoredInvoice,
    note: Omit<NewCreditNote, 'paymentSync'>,
  ): Promise<StoredCreditNote> {
    // A credit note follows its invoice to Stripe, even one still failing (it fails with it).
    const toStripe = ['pending', 'synced', 'failed'].includes(credited.paymentSync);
    const stored = await this.creditNotes.insert(manager, {
      ...note,
      paymentSync: toStripe ? 'pending' : credited.paymentSync === 'none' ? 'none' : 'disabled',
    });
    if (toStripe) {
      await this.paymentQueue.enqueueCreditNote(manager, credited.id, stored.id, this.clock.now());
    }
    return stored;
  }

  creditNotesOf(id: string) {
    return this.creditNotes.creditNotesOf(id);
  }

  contentFor(invoice: StoredInvoice): Promise<DraftContent> {
    return this.contentForPeriod(
      invoice.customerId,
      billingPeriodFromKey(invoice.periodKey, invoice.timeZone),
    );
  }

  contentForPeriod(customerId: string, period: BillingPeriod): Promise<DraftContent> {
    return this.drafter.draft(customerId, period);
  }

  /** The invoice as it is under the customer's lock (state read before the lock may be stale). */
  private async lockedInvoice(
    manager: EntityManager,
    customerId: string,
    id: string,
  ): Promise<StoredInvoice> {
    await this.lock.lockCustomer(manager, customerId);
    const current = await this.repository.findById(id, manager, true);
    if (!current) throw notFound('Invoice', id);
    return current;
  }

  private assertDraft(invoice: StoredInvoice): void {
    if (invoice.status !== 'draft') {
      throw conflict(
        'invoice_not_draft',
        `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: it never changes`,
      );
    }
  }
}

/** Corrections computed from a state that changed before they could be issued. */
export class StaleCorrectionsError extends Error {
  constructor() {
    super(
      'What the invoice is computed from (plans, time zone, earlier invoices) changed meanwhile; rate again',
    );
  }
}

const ATTEMPTS = 3;

/** Runs `work`, rating again when another draft of the customer issued corrections meanwhile. */
export async function withFreshCorrections<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StaleCorrectionsError)) throw error;
      if (attempt >= ATTEMPTS) {
        throw conflict('concurrent_change', 'The customer’s invoices kept changing; try again');
      }
    }
  }
}
