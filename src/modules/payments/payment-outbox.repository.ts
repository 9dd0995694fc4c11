import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StripeCustomerLinks } from '../registry/customers/stripe-customer-links';
import { D } from '../../shared/money/decimal';
import type { CreditNoteToPush, InvoiceToPush } from './payment-provider.port';

export interface OutboxEntry {
  readonly id: string;
  readonly invoiceId: string;
  /** Set for a credit note (against `invoiceId`); null for the invoice itself. */
  readonly creditNoteId: string | null;
  readonly attempts: number;
  /** This worker's lease: only its holder may settle the entry. */
  readonly leaseToken: string;
}

/** The payment outbox (written by the finalizing transaction) and the Stripe ids it records. */
@Injectable()
export class PaymentOutboxRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stripeLinks: StripeCustomerLinks,
  ) {}

  /**
   * Takes up to `limit` due entries and leases them until `leaseUntil`, so another replica's
   * worker skips them; a worker that dies lets its lease run out and the entry comes back.
   * Invoices finalized while payments were disabled stay out: they were never meant for Stripe.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxEntry[]> {
    const rows: {
      id: string;
      invoice_id: string;
      credit_note_id: string | null;
      attempts: number;
      lease_token: string;
    }[] = await this.dataSource.query(
      `WITH due AS (
         SELECT o.id FROM payment_outbox o
         JOIN invoices i ON i.id = o.invoice_id
         LEFT JOIN credit_notes c ON c.id = o.credit_note_id
         WHERE o.done_at IS NULL AND o.next_attempt_at <= $1
           AND coalesce(c.payment_sync, i.payment_sync) = 'pending'
         ORDER BY o.next_attempt_at, o.id LIMIT $3 FOR UPDATE OF o SKIP LOCKED
       ), leased AS (
         UPDATE payment_outbox o SET next_attempt_at = $2, attempts = o.attempts + 1, lease_token = gen_random_uuid()
         FROM due WHERE o.id = due.id
         RETURNING o.id, o.invoice_id, o.credit_note_id, o.attempts, o.lease_token
       )
       SELECT id::text AS id, invoice_id, credit_note_id, attempts, lease_token FROM leased ORDER BY id`,
      [now, leaseUntil, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      invoiceId: row.invoice_id,
      creditNoteId: row.credit_note_id,
      attempts: row.attempts,
      leaseToken: row.lease_token,
    }));
  }

  /** Settles a pushed entry; false when this worker's lease had run out and another took it. */
  async done(entry: OutboxEntry, at: Date, providerId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const settled: unknown[] = await manager.query(
        `WITH settled AS (
           UPDATE payment_outbox SET done_at = $3, last_error = NULL, lease_token = NULL
           WHERE id = $1 AND lease_token = $2 RETURNING id
         )
         SELECT id FROM settled`,
        [entry.id, entry.leaseToken, at],
      );
      if (settled.length === 0) return false;
      if (entry.creditNoteId === null) {
        await manager.query(
          `UPDATE invoices SET payment_sync = 'synced', payment_sync_error = NULL WHERE id = $1`,
          [entry.invoiceId],
        );
      } else {
        await manager.query(
          `UPDATE credit_notes SET payment_sync = 'synced', payment_sync_error = NULL, stripe_credit_note_id = $2
           WHERE id = $1`,
          [entry.creditNoteId, providerId],
        );
      }
      return true;
    });
  }

  /**
   * A failed attempt: tried again at `nextAttemptAt`, or given up (`failed`) when that is null.
   * `counts`: false when the entry only waits for its invoice to reach the provider.
   */
  async failed(
    entry: OutboxEntry,
    error: string,
    nextAttemptAt: Date | null,
    counts = true,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const settled: unknown[] = await manager.query(
        `WITH settled AS (
           UPDATE payment_outbox
           SET last_error = $3, next_attempt_at = coalesce($4::timestamptz, 'infinity'), lease_token = NULL,
               attempts = attempts - CASE WHEN $5 THEN 0 ELSE 1 END
           WHERE id = $1 AND lease_token = $2 RETURNING id
         )
         SELECT id FROM settled`,
        [entry.id, entry.leaseToken, error, nextAttemptAt, counts],
      );
      if (settled.length === 0) return;
      const sync = nextAttemptAt === null ? 'failed' : 'pending';
      if (entry.creditNoteId === null) {
        await manager.query(
          `UPDATE invoices SET payment_sync = $2, payment_sync_error = $3 WHERE id = $1`,
          [entry.invoiceId, sync, error],
        );
      } else {
        await manager.query(
          `UPDATE credit_notes SET payment_sync = $2, payment_sync_error = $3 WHERE id = $1`,
          [entry.creditNoteId, sync, error],
        );
      }
    });
  }

  /**
   * A credit note ready to push; `waiting` while the invoice it credits is not in Stripe yet,
   * `orphaned` when that invoice's push has failed for good.
   */
  async creditNoteToPush(creditNoteId: string): Promise<CreditNoteToPush | 'waiting' | 'orphaned'> {
    const [row]: {
      id: string;
      number: string;
      currency: string;
      amount: string;
      reason: string;
      invoice_sync: string;
      stripe_invoice_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.number, c.currency, c.amount::text AS amount, c.reason, i.payment_sync AS invoice_sync,
              i.stripe_invoice_id
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE c.id = $1`,
      [creditNoteId],
    );
    if (!row || row.invoice_sync === 'failed') return 'orphaned';
    if (row.invoice_sync !== 'synced' || row.stripe_invoice_id === null) return 'waiting';
    return {
      creditNoteId: row.id,
      number: row.number,
      currency: row.currency,
      amount: new D(row.amount),
      reason: row.reason,
      providerInvoiceId: row.stripe_invoice_id,
    };
  }

  async invoiceToPush(invoiceId: string): Promise<InvoiceToPush> {
    const [invoice]: {
      id: string;
      number: string;
      currency: string;
      period_key: string;
      customer_id: string;
      stripe_customer_id: string | null;
      stripe_invoice_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT i.id, i.number, i.currency, i.period_key, i.customer_id, i.stripe_customer_id,
              i.stripe_invoice_id
       FROM invoices i WHERE i.id = $1`,
      [invoiceId],
    );
    // The invoice's customer_id references customers, so the customer exists.
    const customer = (await this.stripeLinks.find(this.dataSource.manager, invoice.customer_id))!;
    const lines: { id: string; description: string; rounded_amount: string }[] =
      await this.dataSource.query(
        `SELECT id, description, rounded_amount FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
        [invoiceId],
      );
    return {
      invoiceId: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      periodKey: invoice.period_key,
      customer: {
        id: invoice.customer_id,
        name: customer.name,
        providerCustomerId: invoice.stripe_customer_id ?? customer.stripeCustomerId,
      },
      providerInvoiceId: invoice.stripe_invoice_id,
      lines: lines.map((line) => ({
        id: line.id,
        description: line.description,
        amount: new D(line.rounded_amount),
      })),
    };
  }

  async recordCustomer(
    invoiceId: string,
    customerId: string,
    stripeCustomerId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.stripeLinks.record(manager, customerId, stripeCustomerId);
      await manager.query(`UPDATE invoices SET stripe_customer_id = $2 WHERE id = $1`, [
        invoiceId,
        stripeCustomerId,
      ]);
    });
  }

  /**
   * Entries not yet in the provider: `pending` (due, waiting for a retry or for the invoice they
   * credit) and `failed` (given up: a person must look). Entries of documents finalized while
   * payments were disabled are not backlog: they were never meant for the provider.
   */
  async backlog(): Promise<Partial<Record<'pending' | 'failed', number>>> {
    const rows: { sync: 'pending' | 'failed'; entries: number }[] = await this.dataSource.query(
      `SELECT coalesce(c.payment_sync, i.payment_sync) AS sync, count(*)::int AS entries
       FROM payment_outbox o
       JOIN invoices i ON i.id = o.invoice_id
       LEFT JOIN credit_notes c ON c.id = o.credit_note_id
       WHERE o.done_at IS NULL AND coalesce(c.payment_sync, i.payment_sync) IN ('pending', 'failed')
       GROUP BY 1`,
    );
    return Object.fromEntries(rows.map((row) => [row.sync, row.entries]));
  }

  async recordInvoice(invoiceId: string, stripeInvoiceId: string): Promise<void> {
    await this.dataSource.query(`UPDATE invoices SET stripe_invoice_id = $2 WHERE id = $1`, [
      invoiceId,
      stripeInvoiceId,
    ]);
  }
}
