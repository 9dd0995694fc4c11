import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  Page,
  PageRequest,
} from '../../../shared/database/keyset-page';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import type { InvoiceStatus } from '../domain/invoice-status';
import { InvoiceLinesRepository } from './invoice-lines.repository';
import { InvoiceRow, toInvoice, totalsParams } from './invoice-row';
import type { DraftContent, PaymentSync, StoredInvoice } from './stored-invoice';

export interface InvoiceFilter {
  readonly customerId?: string;
  readonly periodKey?: string;
  readonly status?: InvoiceStatus;
  /** Leave drafts out (customer keys never see them). */
  readonly issuedOnly?: boolean;
}

/**
 * Invoices, with their lines as a draft's content; the triggers of the invoicing migration guard
 * finalized ones.
 */
@Injectable()
export class InvoicesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lines: InvoiceLinesRepository,
  ) {}

  /** A new draft, or null when the customer-period already has an invoice. */
  async insertDraft(
    manager: EntityManager,
    customerId: string,
    period: BillingPeriod,
    currency: string,
    content: DraftContent,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO invoices (customer_id, period_key, period_start, period_end, time_zone, currency, status,
                             subtotal, adjustments, credits, total, details, rated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $11, $12)
       ON CONFLICT (customer_id, period_key) DO NOTHING
       RETURNING id`,
      [
        customerId,
        period.key,
        period.start,
        period.end,
        period.timeZone,
        currency,
        ...totalsParams(content.totals),
        JSON.stringify(content.details),
        content.ratedAt,
      ],
    );
    if (rows.length === 0) return null;
    await this.lines.insertLines(manager, rows[0].id, content.lines);
    return rows[0].id;
  }

  /** A draft's content, recomputed. */
  async replaceDraft(manager: EntityManager, id: string, content: DraftContent): Promise<void> {
    await this.lines.deleteLines(manager, id);
    await manager.query(
      `UPDATE invoices SET subtotal = $2, adjustments = $3, credits = $4, total = $5, details = $6, rated_at = $7
       WHERE id = $1 AND status = 'draft'`,
      [id, ...totalsParams(content.totals), JSON.stringify(content.details), content.ratedAt],
    );
    await this.lines.insertLines(manager, id, content.lines);
  }

  async markFinalized(
    manager: EntityManager,
    id: string,
    number: string,
    at: Date,
    paymentSync: PaymentSync,
  ): Promise<void> {
    await manager.query(
      `UPDATE invoices SET status = 'finalized', number = $2, finalized_at = $3, status_changed_at = $3, payment_sync = $4
       WHERE id = $1 AND status = 'draft'`,
      [id, number, at, paymentSync],
    );
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StoredInvoice | null> {
    const rows: InvoiceRow[] = await manager.query(
      `SELECT * FROM invoices WHERE id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [id],
    );
    return rows.length === 0 ? null : toInvoice(rows[0]);
  }

  /** The customer-period's invoice; `lock` takes its row for the caller's transaction. */
  async findForPeriod(
    customerId: string,
    periodKey: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StoredInvoice | null> {
    const rows: InvoiceRow[] = await manager.query(
      `SELECT * FROM invoices WHERE customer_id = $1 AND period_key = $2 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [customerId, periodKey],
    );
    return rows.length === 0 ? null : toInvoice(rows[0]);
  }

  /**
   * The earliest invoice that bills time from `from` on: an issued one (void included: its period
   * stays closed) whose period ends after it; with `from` null, any invoice, drafts included.
   */
  async firstCovering(
    manager: EntityManager,
    customerId: string,
    from: Date | null,
  ): Promise<StoredInvoice | null> {
    const rows: InvoiceRow[] = await manager.query(
      `SELECT * FROM invoices
       WHERE customer_id = $1 AND ($2::timestamptz IS NULL OR (status <> 'draft' AND period_end > $2))
       ORDER BY period_start LIMIT 1`,
      [customerId, from?.toISOString() ?? null],
    );
    return rows.length === 0 ? null : toInvoice(rows[0]);
  }

  /** Drafts whose period ended before `endedBefore`: due for finalization. */
  async dueDrafts(
    endedBefore: Date,
  ): Promise<{ id: string; customerId: string; periodKey: string }[]> {
    const rows: { id: string; customer_id: string; period_key: string }[] =
      await this.dataSource.query(
        `SELECT id, customer_id, period_key FROM invoices WHERE status = 'draft' AND period_end <= $1 ORDER BY period_end, id`,
        [endedBefore],
      );
    return rows.map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      periodKey: row.period_key,
    }));
  }

  /** Keyset pages on (created_at, id). */
  async page(filter: InvoiceFilter, request: PageRequest): Promise<Page<StoredInvoice>> {
    const after = request.cursor === undefined ? null : decodeCursor(request.cursor, 2);
    const rows: InvoiceRow[] = await this.dataSource.query(
      `SELECT * FROM invoices
       WHERE ($1::uuid IS NULL OR customer_id = $1) AND ($2::text IS NULL OR period_key = $2)
         AND ($3::text IS NULL OR status = $3) AND (NOT $7::boolean OR status <> 'draft')
         AND ($4::timestamptz IS NULL OR (created_at, id) > ($4, $5::uuid))
       ORDER BY created_at, id LIMIT $6`,
      [
        filter.customerId ?? null,
        filter.periodKey ?? null,
        filter.status ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        request.limit + 1,
        filter.issuedOnly ?? false,
      ],
    );
    const items = rows.slice(0, request.limit).map(toInvoice);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > request.limit && last
          ? encodeCursor([last.createdAt.toISOString(), last.id])
          : null,
    };
  }
}
