import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';
import { billingPeriodFromKey } from '../../../shared/time/billing-period';
import type { InvoiceStatus } from '../domain/invoice-status';

/** An invoice as an export of its period names it. */
export interface PeriodInvoice {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly currency: string;
  readonly periodKey: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly timeZone: string;
  readonly total: Dec;
}

/** A credit note with the invoice it credits. */
export interface PeriodCreditNote {
  readonly number: string;
  readonly currency: string;
  readonly amount: Dec;
  readonly reason: string;
  /** Set on the credit notes a later invoice issued to correct a period (automatic ones). */
  readonly correctsPeriod: string | null;
  readonly issuedWithInvoiceId: string | null;
  readonly createdAt: Date;
  readonly credited: Omit<PeriodInvoice, 'status' | 'currency' | 'total'>;
}

interface InvoiceRow {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  period_key: string;
  period_start: Date;
  period_end: Date;
  time_zone: string;
  total: string;
}

const DAY_MS = 86_400_000;

/**
 * Invoicing's reader of what was issued for a billing period, for exports (FOCUS): the period's
 * issued invoice, the credit notes that belong to the period, invoice numbers.
 */
@Injectable()
export class PeriodDocumentsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customer's invoice of the period unless it is a draft (void included), or null. */
  async issuedInvoice(customerId: string, periodKey: string): Promise<PeriodInvoice | null> {
    const rows: InvoiceRow[] = await this.dataSource.query(
      `SELECT id, number, status, currency, period_key, period_start, period_end, time_zone, total::text AS total
       FROM invoices WHERE customer_id = $1 AND period_key = $2 AND status <> 'draft'`,
      [customerId, periodKey],
    );
    return rows.length === 0 ? null : toInvoice(rows[0]);
  }

  /**
   * The credit notes of a period: those issued with its invoice (`issuedWithInvoiceId`, the
   * corrections it carried), and the manual ones created in [from, to); by number.
   */
  async creditNotes(
    customerId: string,
    issuedWithInvoiceId: string | null,
    from: Date,
    to: Date,
  ): Promise<PeriodCreditNote[]> {
    const rows: (InvoiceRow & {
      note_number: string;
      note_currency: string;
      amount: string;
      reason: string;
      corrects_period: string | null;
      issued_with_invoice_id: string | null;
      created_at: Date;
    })[] = await this.dataSource.query(
      `SELECT c.number AS note_number, c.currency AS note_currency, c.amount::text AS amount, c.reason,
              c.corrects_period, c.issued_with_invoice_id, c.created_at,
              i.id, i.number, i.status, i.currency, i.period_key, i.period_start, i.period_end,
              i.time_zone, i.total::text AS total
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
       WHERE c.customer_id = $1
         AND (c.issued_with_invoice_id = $2::uuid
              OR (c.issued_with_invoice_id IS NULL AND c.created_at >= $3 AND c.created_at < $4))
       ORDER BY c.number`,
      [customerId, issuedWithInvoiceId, from, to],
    );
    return rows.map((row) => {
      const { status: _status, currency: _currency, total: _total, ...credited } = toInvoice(row);
      return {
        number: row.note_number,
        currency: row.note_currency,
        amount: new D(row.amount),
        reason: row.reason,
        correctsPeriod: row.corrects_period,
        issuedWithInvoiceId: row.issued_with_invoice_id,
        createdAt: new Date(row.created_at),
        credited,
      };
    });
  }

  /** Invoice numbers by id (drafts have none and are left out). */
  async numbers(invoiceIds: readonly string[]): Promise<Map<string, string>> {
    if (invoiceIds.length === 0) return new Map();
    const rows: { id: string; number: string }[] = await this.dataSource.query(
      `SELECT id, number FROM invoices WHERE id = ANY($1::uuid[]) AND number IS NOT NULL`,
      [invoiceIds],
    );
    return new Map(rows.map((row) => [row.id, row.number]));
  }

  /**
   * The customers that may have documents for the period `periodKey`: an issued invoice of it, or
   * a manual credit note created within a day of the calendar month in UTC (periods are months in
   * each customer's zone, so callers check each one in its zone). In id order.
   */
  async customersWithDocuments(periodKey: string): Promise<string[]> {
    const month = billingPeriodFromKey(periodKey, 'UTC');
    const rows: { customer_id: string }[] = await this.dataSource.query(
      `SELECT customer_id FROM invoices WHERE period_key = $1 AND status <> 'draft'
       UNION
       SELECT customer_id FROM credit_notes
       WHERE issued_with_invoice_id IS NULL AND created_at >= $2 AND created_at < $3
       ORDER BY customer_id`,
      [periodKey, new Date(month.start.getTime() - DAY_MS), new Date(month.end.getTime() + DAY_MS)],
    );
    return rows.map((row) => row.customer_id);
  }
}

function toInvoice(row: InvoiceRow): PeriodInvoice {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    periodKey: row.period_key,
    periodStart: new Date(row.period_start),
    periodEnd: new Date(row.period_end),
    timeZone: row.time_zone,
    total: new D(row.total),
  };
}
