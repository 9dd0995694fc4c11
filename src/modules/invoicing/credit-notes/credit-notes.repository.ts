import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import type { PaymentSync } from '../invoices/stored-invoice';
import type { NewCreditNote, StoredCreditNote } from './stored-credit-note';

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

/** Credit notes: manual credits, and corrections issued with a later invoice. */
@Injectable()
export class CreditNotesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `createdAt`: the service clock's instant it is issued at, the one its number's year is read
   * from (exports place a manual credit note in the period it was issued in); the database's
   * clock without it.
   */
  async insert(
    manager: EntityManager,
    note: NewCreditNote,
    createdAt?: Date,
  ): Promise<StoredCreditNote> {
    const rows: CreditNoteRow[] = await manager.query(
      `INSERT INTO credit_notes (number, invoice_id, customer_id, currency, amount, reason, corrects_period,
                                 issued_with_invoice_id, payment_sync, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, clock_timestamp())) RETURNING *`,
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
        createdAt ?? null,
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
