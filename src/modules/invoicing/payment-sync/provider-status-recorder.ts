import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InvoiceStatus } from '../domain/invoice-status';

/**
 * Moves an invoice to the status the payment provider reports (a verified webhook event);
 * every call runs in the caller's transaction, which holds the customer's invoicing lock.
 */
@Injectable()
export class ProviderStatusRecorder {
  /**
   * Only by the Stripe invoice id we recorded when we pushed the invoice: an event's metadata
   * is whatever was set on some Stripe invoice, and could name any of ours.
   */
  async findInvoice(
    manager: EntityManager,
    stripeInvoiceId: string,
  ): Promise<{ id: string; customerId: string } | null> {
    const [found]: { id: string; customer_id: string }[] = await manager.query(
      `SELECT id, customer_id FROM invoices WHERE stripe_invoice_id = $1`,
      [stripeInvoiceId],
    );
    return found ? { id: found.id, customerId: found.customer_id } : null;
  }

  async lockedStatus(manager: EntityManager, invoiceId: string): Promise<InvoiceStatus | null> {
    const [row]: { status: InvoiceStatus }[] = await manager.query(
      `SELECT status FROM invoices WHERE id = $1 FOR NO KEY UPDATE`,
      [invoiceId],
    );
    return row?.status ?? null;
  }

  async setStatus(
    manager: EntityManager,
    invoiceId: string,
    status: InvoiceStatus,
    at: Date,
  ): Promise<void> {
    await manager.query(`UPDATE invoices SET status = $2, status_changed_at = $3 WHERE id = $1`, [
      invoiceId,
      status,
      at,
    ]);
  }
}
