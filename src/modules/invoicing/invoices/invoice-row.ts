import { D, formatDecimal } from '../../../shared/money/decimal';
import type { InvoiceStatus } from '../domain/invoice-status';
import type { InvoiceTotals } from '../domain/invoice-totals';
import type { InvoiceDetails, PaymentSync, StoredInvoice } from './stored-invoice';

/** An `invoices` row as the driver returns it. */
export interface InvoiceRow {
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

export function toInvoice(row: InvoiceRow): StoredInvoice {
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

/** subtotal, adjustments, credits, total: the order of the invoices columns they are written to. */
export function totalsParams(totals: InvoiceTotals): string[] {
  return [totals.subtotal, totals.adjustments, totals.credits, totals.total].map((value) =>
    formatDecimal(value),
  );
}
