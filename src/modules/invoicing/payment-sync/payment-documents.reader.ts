import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';
import type { PaymentSync } from '../invoices/stored-invoice';

/** A finalized invoice as a push needs it: its rounded lines and the provider ids it has. */
export interface InvoiceForPayment {
  readonly id: string;
  readonly number: string;
  readonly currency: string;
  readonly periodKey: string;
  readonly customerId: string;
  readonly stripeCustomerId: string | null;
  readonly stripeInvoiceId: string | null;
  readonly lines: readonly {
    readonly id: string;
    readonly description: string;
    readonly amount: Dec;
  }[];
}

/** A credit note as a push needs it, with where the invoice it credits stands in the provider. */
export interface CreditNoteForPayment {
  readonly id: string;
  readonly number: string;
  readonly currency: string;
  readonly amount: Dec;
  readonly reason: string;
  readonly invoice: { readonly paymentSync: PaymentSync; readonly stripeInvoiceId: string | null };
}

/** Invoicing's reader of what payments pushes to the provider (issue 14). */
@Injectable()
export class PaymentDocumentsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The invoice of an outbox entry (its foreign key: it exists). */
  async invoice(invoiceId: string): Promise<InvoiceForPayment> {
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
    if (!invoice) throw new Error(`invoice ${invoiceId} not found`);
    const lines: { id: string; description: string; rounded_amount: string }[] =
      await this.dataSource.query(
        `SELECT id, description, rounded_amount FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
        [invoiceId],
      );
    return {
      id: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      periodKey: invoice.period_key,
      customerId: invoice.customer_id,
      stripeCustomerId: invoice.stripe_customer_id,
      stripeInvoiceId: invoice.stripe_invoice_id,
      lines: lines.map((line) => ({
        id: line.id,
        description: line.description,
        amount: new D(line.rounded_amount),
      })),
    };
  }

  async creditNote(creditNoteId: string): Promise<CreditNoteForPayment | null> {
    const [row]: {
      id: string;
      number: string;
      currency: string;
      amount: string;
      reason: string;
      invoice_sync: PaymentSync;
      stripe_invoice_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.number, c.currency, c.amount::text AS amount, c.reason, i.payment_sync AS invoice_sync,
              i.stripe_invoice_id
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE c.id = $1`,
      [creditNoteId],
    );
    if (!row) return null;
    return {
      id: row.id,
      number: row.number,
      currency: row.currency,
      amount: new D(row.amount),
      reason: row.reason,
      invoice: { paymentSync: row.invoice_sync, stripeInvoiceId: row.stripe_invoice_id },
    };
  }
}
