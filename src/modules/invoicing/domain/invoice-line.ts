import type { Dec } from '../../../shared/money/decimal';
import type { TierAmount } from '../../pricing/domain/charge-model';
import type { LineSource } from '../../pricing/domain/rate-period';

export type InvoiceLineKind = 'charge' | 'overage' | 'adjustment';

/** A line as the invoice stores it: what it charges, for which segment, and from which rooms. */
export interface InvoiceLineDraft {
  readonly kind: InvoiceLineKind;
  readonly chargeKey: string;
  readonly description: string;
  readonly basis: string;
  readonly model: string;
  readonly planVersionId: string | null;
  readonly segmentFrom: Date;
  readonly segmentTo: Date;
  readonly quantity: Dec;
  readonly unitPrice: Dec | null;
  readonly amount: Dec;
  readonly roundedAmount: Dec;
  /** Adjustment lines name the period they correct and its invoice. */
  readonly correctsPeriod: string | null;
  readonly correctsInvoiceId: string | null;
  readonly breakdown: readonly TierAmount[];
  readonly rooms: readonly LineSource[];
}
