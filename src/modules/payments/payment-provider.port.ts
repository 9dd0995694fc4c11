import type { Dec } from '../../shared/money/decimal';

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/** A finalized invoice as the payment provider needs it; amounts are the rounded lines. */
export interface InvoiceToPush {
  readonly invoiceId: string;
  readonly number: string;
  readonly currency: string;
  readonly periodKey: string;
  readonly customer: {
    readonly id: string;
    readonly name: string;
    /** Known from an earlier push, or set by hand on the customer; created when null. */
    readonly providerCustomerId: string | null;
  };
  readonly providerInvoiceId: string | null;
  readonly lines: readonly {
    readonly id: string;
    readonly description: string;
    readonly amount: Dec;
  }[];
}

/** A credit note against an invoice that is in the provider already. */
export interface CreditNoteToPush {
  readonly creditNoteId: string;
  readonly number: string;
  readonly currency: string;
  readonly amount: Dec;
  readonly reason: string;
  readonly providerInvoiceId: string;
}

export interface PushProgress {
  /** Called as soon as each object exists, so a crash midway resumes instead of starting over. */
  customerCreated(providerCustomerId: string): Promise<void>;
  invoiceCreated(providerInvoiceId: string): Promise<void>;
}

/** An invoice status change the provider reports (a verified, de-duplicated webhook event). */
export interface PaymentEvent {
  readonly id: string;
  readonly type: string;
  /** Null for event types that do not move an invoice. */
  readonly change: {
    /** The provider's invoice id: the one trustworthy link to our invoice (metadata is not). */
    readonly providerInvoiceId: string;
    readonly status: 'paid' | 'void' | 'uncollectible';
  } | null;
}

/**
 * The payment provider behind a port. Every write carries an idempotency key derived from our
 * ids, so a retry after a crash never creates a second object.
 */
export interface PaymentProvider {
  readonly enabled: boolean;
  /** Why payments are off, when they are. */
  readonly disabledReason: string | null;
  push(invoice: InvoiceToPush, progress: PushProgress): Promise<{ providerInvoiceId: string }>;
  pushCreditNote(note: CreditNoteToPush): Promise<{ providerCreditNoteId: string }>;
  /**
   * Throws a 400 DomainError: `invalid_signature` unless `signature` signs `payload` with a
   * timestamp within the tolerance of now (either way); `malformed_event` when the signed
   * payload is not an event.
   */
  parseWebhook(payload: Buffer, signature: string | undefined): PaymentEvent;
}
