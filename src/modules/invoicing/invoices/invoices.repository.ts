import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  Page,
  PageRequest,
} from '../../../shared/database/keyset-page';
import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { formatDocumentNumber, type DocumentSeries } from '../domain/document-number';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import type { InvoiceStatus } from '../domain/invoice-status';
import type { InvoiceTotals } from '../domain/invoice-totals';
import { tierAmountToJson } from '../../pricing/domain/charge-amount.serializer';
import type {
  DraftContent,
  InvoiceDetails,
  PaymentSync,
  StoredInvoice,
  StoredInvoiceLine,
} from './stored-invoice';

interface InvoiceRow {
  id: string;
  customer_id: string;
  period_key: string;
  period_start: Date;
  period_end: Date;
  time_zone: string;
  currency: string;
  status: InvoiceStatus;
  number: string | null;
  subtotal: string;
  adjustments: string;
  credits: string;
  total: string;
  details: InvoiceDetails;
  rated_at: Date;
  finalized_at: Date | null;
  status_changed_at: Date | null;
  payment_sync: PaymentSync;
  payment_sync_error: string | null;
  stripe_customer_id: string | null;
  stripe_invoice_id: string | null;
  created_at: Date;
}

export interface NewCreditNote {
  readonly number: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly amount: Dec;
  readonly reason: string;
  readonly correctsPeriod: string | null;
  readonly issuedWithInvoiceId: string | null;
  readonly paymentSync: PaymentSync;
}

export interface StoredCreditNote extends NewCreditNote {
  readonly id: string;
  readonly paymentSyncError: string | null;
  readonly stripeCreditNoteId: string | null;
  readonly createdAt: Date;
}

interface CreditNoteRow {
  id: string;
  number: string;
  invoice_id: string;
  customer_id: string;
  currency: string;
  amount: string;
  reason: string;
  corrects_period: string | null;
  issued_with_invoice_id: string | null;
  payment_sync: PaymentSync;
  payment_sync_error: string | null;
  stripe_credit_note_id: string | null;
  created_at: Date;
}

function toCreditNote(row: CreditNoteRow): StoredCreditNote {
  return {
    id: row.id,
    number: row.number,
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    currency: row.currency,
    amount: new D(row.amount),
    reason: row.reason,
    correctsPeriod: row.corrects_period,
    issuedWithInvoiceId: row.issued_with_invoice_id,
    paymentSync: row.payment_sync,
    paymentSyncError: row.payment_sync_error,
    stripeCreditNoteId: row.stripe_credit_note_id,
    createdAt: new Date(row.created_at),
  };
}

interface LineRow {
  id: string;
  invoice_id: string;
  position: number;
  kind: InvoiceLineDraft['kind'];
  charge_key: string;
  description: string;
  basis: string;
  model: string;
  plan_version_id: string | null;
  segment_from: Date;
  segment_to: Date;
  quantity: string;
  unit_price: string | null;
  amount: string;
  rounded_amount: string;
  corrects_period: string | null;
  corrects_invoice_id: string | null;
  breakdown: InvoiceLineDraft['breakdown'];
  rooms: { roomId: string; quantity: string }[];
}

export interface InvoiceFilter {
  readonly customerId?: string;
  readonly periodKey?: string;
  readonly status?: InvoiceStatus;
  /** Leave drafts out (customer keys never see them). */
  readonly issuedOnly?: boolean;
}

/** Invoices and their lines; the triggers of the invoicing migration guard finalized ones. */
@Injectable()
export class InvoicesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Serialises every draft insert, finalization and credit note of one customer, across
   * replicas: corrections of a customer's earlier periods must be issued once.
   */
  async lockCustomer(manager: EntityManager, customerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(727005, hashtext($1))`, [customerId]);
  }

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
    await this.insertLines(manager, rows[0].id, content.lines);
    return rows[0].id;
  }

  /** A draft's content, recomputed. */
  async replaceDraft(manager: EntityManager, id: string, content: DraftContent): Promise<void> {
    await manager.query(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [id]);
    await manager.query(
      `UPDATE invoices SET subtotal = $2, adjustments = $3, credits = $4, total = $5, details = $6, rated_at = $7
       WHERE id = $1 AND status = 'draft'`,
      [id, ...totalsParams(content.totals), JSON.stringify(content.details), content.ratedAt],
    );
    await this.insertLines(manager, id, content.lines);
  }

  /** The next number of a series, taken under the series row's lock: gap-free. */
  async nextNumber(manager: EntityManager, series: DocumentSeries, at: Date): Promise<string> {
    // Wrapped in a SELECT: the driver returns an UPDATE's rows together with its row count.
    const [{ last_value }]: { last_value: string }[] = await manager.query(
      `WITH taken AS (
         UPDATE document_number_series SET last_value = last_value + 1 WHERE series = $1 RETURNING last_value
       )
       SELECT last_value FROM taken`,
      [series],
    );
    return formatDocumentNumber(series, at.getUTCFullYear(), last_value);
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

  async enqueuePayment(manager: EntityManager, invoiceId: string, at: Date): Promise<void> {
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

  /** Every customer, with the time zone its periods are cut in and whether a plan started before `before`. */
  async allCustomers(before: Date): Promise<{ id: string; timeZone: string; hasPlan: boolean }[]> {
    const rows: { id: string; billing_time_zone: string; has_plan: boolean }[] =
      await this.dataSource.query(
        `SELECT c.id, c.billing_time_zone,
                EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer_id = c.id AND s.effective_from < $1) AS has_plan
         FROM customers c ORDER BY c.id`,
        [before],
      );
    return rows.map((row) => ({
      id: row.id,
      timeZone: row.billing_time_zone,
      hasPlan: row.has_plan,
    }));
  }

  /** Customers with a plan in effect before `before`: the ones that get invoices. */
  async customersWithPlans(before: Date): Promise<{ id: string; timeZone: string }[]> {
    const rows: { id: string; billing_time_zone: string }[] = await this.dataSource.query(
      `SELECT c.id, c.billing_time_zone FROM customers c
       WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer_id = c.id AND s.effective_from < $1)
       ORDER BY c.id`,
      [before],
    );
    return rows.map((row) => ({ id: row.id, timeZone: row.billing_time_zone }));
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

  /** The customer's issued (non-draft) invoices of periods ending in (from, to], oldest first. */
  async issuedBetween(customerId: string, from: Date, to: Date): Promise<StoredInvoice[]> {
    const rows: InvoiceRow[] = await this.dataSource.query(
      `SELECT * FROM invoices
       WHERE customer_id = $1 AND status <> 'draft' AND period_end > $2 AND period_end <= $3
       ORDER BY period_start`,
      [customerId, from, to],
    );
    return rows.map(toInvoice);
  }

  /**
   * A fingerprint of what an invoice is computed from besides usage: the customer's issued
   * invoices, their statuses and its credit notes (corrections), its plan history and its billing
   * time zone (the period and its rating). A finalization checks it under the lock and rates again
   * when it moved: two drafts of one customer never issue the same correction twice, and a plan
   * change accepted while a close was rating (nothing was issued yet) is in the invoice.
   */
  async correctionBasisVersion(
    customerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    // Counts for what only ever grows; the plan history by its entries' ids (a plan replaced at
    // the same instant is a new entry), whatever the clocks of the replicas say.
    const [row]: { issued: number; voided: number; notes: number; plans: string; zone: string }[] =
      await manager.query(
        `SELECT count(*) FILTER (WHERE status <> 'draft')::int AS issued,
                count(*) FILTER (WHERE status = 'void')::int AS voided,
                (SELECT count(*)::int FROM credit_notes WHERE customer_id = $1) AS notes,
                (SELECT coalesce(md5(string_agg(id::text, ',' ORDER BY id)), '')
                 FROM subscriptions WHERE customer_id = $1) AS plans,
                (SELECT billing_time_zone FROM customers WHERE id = $1) AS zone
         FROM invoices WHERE customer_id = $1`,
        [customerId],
      );
    return `${row.issued}/${row.voided}/${row.notes}/${row.plans}/${row.zone}`;
  }

  /**
   * Credit notes issued to correct the customer's `periodKey`, against invoices not voided since
   * (manual credits are not corrections).
   */
  async correctionCreditsFor(customerId: string, periodKey: string): Promise<Dec> {
    const [{ credited }]: { credited: string }[] = await this.dataSource.query(
      `SELECT coalesce(sum(c.amount), 0) AS credited
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
       WHERE c.customer_id = $1 AND c.corrects_period = $2 AND i.status <> 'void'`,
      [customerId, periodKey],
    );
    return new D(credited);
  }

  async linesOf(
    invoiceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredInvoiceLine[]> {
    const rows: LineRow[] = await manager.query(
      `SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [invoiceId],
    );
    return rows.map(toLine);
  }

  /** Adjustment lines of issued, not voided invoices that correct `invoiceId`'s period. */
  async correctionsOf(invoiceId: string): Promise<StoredInvoiceLine[]> {
    const rows: LineRow[] = await this.dataSource.query(
      `SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE l.corrects_invoice_id = $1 AND i.status NOT IN ('draft', 'void') ORDER BY i.period_start, l.position`,
      [invoiceId],
    );
    return rows.map(toLine);
  }

  async insertCreditNote(manager: EntityManager, note: NewCreditNote): Promise<StoredCreditNote> {
    const rows: CreditNoteRow[] = await manager.query(
      `INSERT INTO credit_notes (number, invoice_id, customer_id, currency, amount, reason, corrects_period,
                                 issued_with_invoice_id, payment_sync)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        note.number,
        note.invoiceId,
        note.customerId,
        note.currency,
        formatDecimal(note.amount),
        note.reason,
        note.correctsPeriod,
        note.issuedWithInvoiceId,
        note.paymentSync,
      ],
    );
    return toCreditNote(rows[0]);
  }

  async creditNotesOf(invoiceId: string): Promise<StoredCreditNote[]> {
    const rows: CreditNoteRow[] = await this.dataSource.query(
      `SELECT * FROM credit_notes WHERE invoice_id = $1 ORDER BY created_at, number`,
      [invoiceId],
    );
    return rows.map(toCreditNote);
  }

  /** The sum of the credit notes against an invoice. */
  async creditedFor(
    invoiceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Dec> {
    const [{ credited }]: { credited: string }[] = await manager.query(
      `SELECT coalesce(sum(amount), 0) AS credited FROM credit_notes WHERE invoice_id = $1`,
      [invoiceId],
    );
    return new D(credited);
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

  /** All lines in one statement. */
  private async insertLines(
    manager: EntityManager,
    invoiceId: string,
    lines: readonly InvoiceLineDraft[],
  ): Promise<void> {
    if (lines.length === 0) return;
    const COLUMNS = 18;
    const values: unknown[] = [];
    const tuples = lines.map((line, position) => {
      values.push(
        invoiceId,
        position + 1,
        line.kind,
        line.chargeKey,
        line.description,
        line.basis,
        line.model,
        line.planVersionId,
        line.segmentFrom,
        line.segmentTo,
        formatDecimal(line.quantity),
        line.unitPrice === null ? null : formatDecimal(line.unitPrice),
        formatDecimal(line.amount),
        formatDecimal(line.roundedAmount),
        line.correctsPeriod,
        line.correctsInvoiceId,
        JSON.stringify(line.breakdown.map(tierAmountToJson)),
        JSON.stringify(
          line.rooms.map((room) => ({
            roomId: room.roomId,
            quantity: formatDecimal(room.quantity),
          })),
        ),
      );
      const first = position * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO invoice_lines (invoice_id, position, kind, charge_key, description, basis, model, plan_version_id,
                                  segment_from, segment_to, quantity, unit_price, amount, rounded_amount,
                                  corrects_period, corrects_invoice_id, breakdown, rooms)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

function totalsParams(totals: InvoiceTotals): string[] {
  return [totals.subtotal, totals.adjustments, totals.credits, totals.total].map((value) =>
    formatDecimal(value),
  );
}

function toInvoice(row: InvoiceRow): StoredInvoice {
  return {
    id: row.id,
    customerId: row.customer_id,
    periodKey: row.period_key,
    periodStart: new Date(row.period_start),
    periodEnd: new Date(row.period_end),
    timeZone: row.time_zone,
    currency: row.currency,
    status: row.status,
    number: row.number,
    subtotal: new D(row.subtotal),
    adjustments: new D(row.adjustments),
    credits: new D(row.credits),
    total: new D(row.total),
    details: row.details,
    ratedAt: new Date(row.rated_at),
    finalizedAt: row.finalized_at === null ? null : new Date(row.finalized_at),
    statusChangedAt: row.status_changed_at === null ? null : new Date(row.status_changed_at),
    paymentSync: row.payment_sync,
    paymentSyncError: row.payment_sync_error,
    stripeCustomerId: row.stripe_customer_id,
    stripeInvoiceId: row.stripe_invoice_id,
    createdAt: new Date(row.created_at),
  };
}

function toLine(row: LineRow): StoredInvoiceLine {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    position: row.position,
    kind: row.kind,
    chargeKey: row.charge_key,
    description: row.description,
    basis: row.basis,
    model: row.model,
    planVersionId: row.plan_version_id,
    segmentFrom: new Date(row.segment_from),
    segmentTo: new Date(row.segment_to),
    quantity: new D(row.quantity),
    unitPrice: row.unit_price === null ? null : new D(row.unit_price),
    amount: new D(row.amount),
    roundedAmount: new D(row.rounded_amount),
    correctsPeriod: row.corrects_period,
    correctsInvoiceId: row.corrects_invoice_id,
    // Stored as JSON strings of decimals; lines read back are shown, not re-rated.
    breakdown: row.breakdown,
    rooms: row.rooms.map((room) => ({ roomId: room.roomId, quantity: new D(room.quantity) })),
  };
}
