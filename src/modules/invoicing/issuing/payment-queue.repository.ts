import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The payment outbox rows an issue writes in its own transaction; the payments module's worker
 * pushes them to Stripe.
 */
@Injectable()
export class PaymentQueueRepository {
  async enqueueInvoice(manager: EntityManager, invoiceId: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO payment_outbox (invoice_id, next_attempt_at) VALUES ($1, $2)
       ON CONFLICT (invoice_id) WHERE credit_note_id IS NULL DO NOTHING`,
      [invoiceId, at],
    );
  }

  /** A credit note to push after the invoice it credits. */
  async enqueueCreditNote(
    manager: EntityManager,
    invoiceId: string,
    creditNoteId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO payment_outbox (invoice_id, credit_note_id, next_attempt_at) VALUES ($1, $2, $3)`,
      [invoiceId, creditNoteId, at],
    );
  }
}
