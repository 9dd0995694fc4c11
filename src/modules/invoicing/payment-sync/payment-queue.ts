import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentSyncRecorder, type PaymentDocument } from './payment-sync-recorder';

export interface OutboxEntry extends PaymentDocument {
  readonly id: string;
  readonly attempts: number;
  /** This worker's lease: only its holder may settle the entry. */
  readonly leaseToken: string;
}

/**
 * The payment outbox: the documents owed to the payment provider. Invoicing writes an entry in
 * the transaction that issues the invoice or credit note (a transactional outbox belongs to its
 * producer); payments' worker leases, retries and settles the entries through this service.
 * Which entries are due, and what settling one means, is the documents' payment sync, so the
 * lease reads it and a settlement writes it in the same statement or transaction.
 */
@Injectable()
export class PaymentQueue {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sync: PaymentSyncRecorder,
  ) {}

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
      await this.sync.synced(manager, entry, providerId);
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
      await this.sync.unsynced(
        manager,
        entry,
        nextAttemptAt === null ? 'failed' : 'pending',
        error,
      );
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
}
