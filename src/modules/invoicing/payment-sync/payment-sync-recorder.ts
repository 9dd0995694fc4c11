import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A document the payment provider gets: an invoice, or a credit note against it. */
export interface PaymentDocument {
  readonly invoiceId: string;
  /** Set for a credit note (against `invoiceId`); null for the invoice itself. */
  readonly creditNoteId: string | null;
}

/**
 * Records on invoices and credit notes how their push to the payment provider went: the sync
 * state with its error, and each provider id as soon as it exists (issue 14: payments reaches
 * invoicing's documents only through this recorder).
 */
@Injectable()
export class PaymentSyncRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the caller's transaction: the document is in the provider, as `providerId`. */
  async synced(
    manager: EntityManager,
    document: PaymentDocument,
    providerId: string,
  ): Promise<void> {
    if (document.creditNoteId === null) {
      await manager.query(
        `UPDATE invoices SET payment_sync = 'synced', payment_sync_error = NULL WHERE id = $1`,
        [document.invoiceId],
      );
    } else {
      await manager.query(
        `UPDATE credit_notes SET payment_sync = 'synced', payment_sync_error = NULL, stripe_credit_note_id = $2
         WHERE id = $1`,
        [document.creditNoteId, providerId],
      );
    }
  }

  /** In the caller's transaction: a push failed; tried again (`pending`) or given up. */
  async unsynced(
    manager: EntityManager,
    document: PaymentDocument,
    sync: 'pending' | 'failed',
    error: string,
  ): Promise<void> {
    if (document.creditNoteId === null) {
      await manager.query(
        `UPDATE invoices SET payment_sync = $2, payment_sync_error = $3 WHERE id = $1`,
        [document.invoiceId, sync, error],
      );
    } else {
      await manager.query(
        `UPDATE credit_notes SET payment_sync = $2, payment_sync_error = $3 WHERE id = $1`,
        [document.creditNoteId, sync, error],
      );
    }
  }

  /** In the caller's transaction, beside the customer's own link (registry's). */
  async recordCustomer(
    manager: EntityManager,
    invoiceId: string,
    stripeCustomerId: string,
  ): Promise<void> {
    await manager.query(`UPDATE invoices SET stripe_customer_id = $2 WHERE id = $1`, [
      invoiceId,
      stripeCustomerId,
    ]);
  }

  async recordInvoice(invoiceId: string, stripeInvoiceId: string): Promise<void> {
    await this.dataSource.query(`UPDATE invoices SET stripe_invoice_id = $2 WHERE id = $1`, [
      invoiceId,
      stripeInvoiceId,
    ]);
  }
}
