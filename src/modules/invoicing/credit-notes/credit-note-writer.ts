import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { StoredInvoice } from '../invoices/stored-invoice';
import { PaymentQueue } from '../payment-sync/payment-queue';
import { CreditNotesRepository } from './credit-notes.repository';
import type { NewCreditNote, StoredCreditNote } from './stored-credit-note';

/** Writes a credit note in the caller's transaction (which holds the customer's lock). */
@Injectable()
export class CreditNoteWriter {
  constructor(
    private readonly creditNotes: CreditNotesRepository,
    private readonly paymentQueue: PaymentQueue,
  ) {}

  /** A credit note dated `at`, queued for Stripe when the invoice it credits went there too. */
  async creditIn(
    manager: EntityManager,
    credited: StoredInvoice,
    note: Omit<NewCreditNote, 'paymentSync'>,
    at: Date,
  ): Promise<StoredCreditNote> {
    // A credit note follows its invoice to Stripe, even one still failing (it fails with it).
    const toStripe = ['pending', 'synced', 'failed'].includes(credited.paymentSync);
    const stored = await this.creditNotes.insert(
      manager,
      {
        ...note,
        paymentSync: toStripe ? 'pending' : credited.paymentSync === 'none' ? 'none' : 'disabled',
      },
      at,
    );
    if (toStripe) {
      await this.paymentQueue.enqueueCreditNote(manager, credited.id, stored.id, at);
    }
    return stored;
  }
}
