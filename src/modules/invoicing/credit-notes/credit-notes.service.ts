import { Inject, Injectable } from '@nestjs/common';
import { badRequest, conflict, notFound } from '../../../shared/errors/domain-error';
import { minorUnits } from '../../../shared/money/currency';
import { formatDecimal, type Dec } from '../../../shared/money/decimal';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { InvoiceMetrics } from '../invoice-metrics';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { DocumentNumbersRepository } from '../issuing/document-numbers.repository';
import { InvoicingLock } from '../issuing/invoicing-lock';
import { CreditNoteWriter } from './credit-note-writer';
import { CreditNotesRepository } from './credit-notes.repository';
import type { StoredCreditNote } from './stored-credit-note';

/** Manual credit notes, and the credit notes of an invoice. */
@Injectable()
export class CreditNotesService {
  constructor(
    private readonly lock: InvoicingLock,
    private readonly invoices: InvoicesRepository,
    private readonly creditNotes: CreditNotesRepository,
    private readonly writer: CreditNoteWriter,
    private readonly numbers: DocumentNumbersRepository,
    private readonly metrics: InvoiceMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A manual credit against an issued invoice, never more than what is left of it. */
  async issueCreditNote(id: string, amount: Dec, reason: string): Promise<StoredCreditNote> {
    const found = await this.invoices.findById(id);
    if (!found) throw notFound('Invoice', id);
    const note = await this.lock.underCustomerLock(found.customerId, async (manager) => {
      const invoice = await this.invoices.findById(id, manager, true);
      if (!invoice) throw notFound('Invoice', id);
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
      const now = this.clock.now();
      const number = await this.numbers.nextNumber(manager, 'CN', now);
      return this.writer.creditIn(
        manager,
        invoice,
        {
          number,
          invoiceId: id,
          customerId: invoice.customerId,
          currency: invoice.currency,
          amount,
          reason,
          correctsPeriod: null,
          issuedWithInvoiceId: null,
        },
        now,
      );
    });
    this.metrics.issued({ invoices: 0, creditNotes: 1 });
    return note;
  }

  creditNotesOf(id: string): Promise<StoredCreditNote[]> {
    return this.creditNotes.creditNotesOf(id);
  }
}
