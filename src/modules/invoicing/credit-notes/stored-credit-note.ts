import type { Dec } from '../../../shared/money/decimal';
import type { PaymentSync } from '../invoices/stored-invoice';

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
