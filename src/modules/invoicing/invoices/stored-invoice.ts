import type { Dec } from '../../../shared/money/decimal';
import type { RatedSegmentJson } from '../../pricing/rating/period-rating.service';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import type { InvoiceStatus } from '../domain/invoice-status';
import type { InvoiceTotals } from '../domain/invoice-totals';
import type {
  CapOutcomeJson,
  InformationLineJson,
} from '../../pricing/domain/rating-result.serializer';

export type PaymentSync = 'none' | 'pending' | 'synced' | 'failed' | 'disabled';

/** What an invoice shows beside its lines: the plan segments, information items and caps. */
export interface InvoiceDetails {
  readonly segments: readonly RatedSegmentJson[];
  readonly information: readonly InformationLineJson[];
  readonly caps: readonly CapOutcomeJson[];
  /** Credit notes issued with this invoice for corrections of earlier periods. */
  readonly creditNotes: readonly {
    readonly number: string;
    readonly amount: string;
    readonly correctsPeriod: string;
  }[];
}

export interface StoredInvoice extends InvoiceTotals {
  readonly id: string;
  readonly customerId: string;
  readonly periodKey: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly timeZone: string;
  readonly currency: string;
  readonly status: InvoiceStatus;
  readonly number: string | null;
  readonly details: InvoiceDetails;
  readonly ratedAt: Date;
  readonly finalizedAt: Date | null;
  readonly statusChangedAt: Date | null;
  readonly paymentSync: PaymentSync;
  readonly paymentSyncError: string | null;
  readonly stripeCustomerId: string | null;
  readonly stripeInvoiceId: string | null;
  readonly createdAt: Date;
}

export interface StoredInvoiceLine extends InvoiceLineDraft {
  readonly id: string;
  readonly invoiceId: string;
  readonly position: number;
}

/** Everything a draft is made of, computed by InvoiceDrafter. */
export interface DraftContent {
  readonly currency: string;
  readonly lines: readonly InvoiceLineDraft[];
  readonly totals: InvoiceTotals;
  readonly details: InvoiceDetails;
  readonly ratedAt: Date;
  /** Corrections of earlier periods that come out as credits (a credit note each, at finalization). */
  readonly credits: readonly {
    readonly invoiceId: string;
    readonly period: string;
    readonly amount: Dec;
  }[];
  /** What the corrections were computed from (see correctionBasisVersion): checked under the lock. */
  readonly basisVersion: string;
}
