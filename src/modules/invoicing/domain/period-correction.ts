import { D, type Dec } from '../../../shared/money/decimal';
import type { InvoiceLineDraft } from './invoice-line';

/** What was billed for a finalized period so far, and what its usage rates to now. */
export interface CorrectionInput {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly periodKey: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  /** Rounded: the invoice's own lines, plus adjustments issued since, minus credit notes. */
  readonly billed: Dec;
  /** Σ rounded lines of the period rated again today. */
  readonly ratedNow: Dec;
}

export type Correction =
  | { readonly kind: 'none' }
  | { readonly kind: 'adjustment'; readonly line: InvoiceLineDraft }
  | { readonly kind: 'credit'; readonly amount: Dec };

/**
 * Late data for a finalized period never changes its invoice: the difference between what its
 * usage rates to now and what was billed for it becomes one adjustment line on the next invoice
 * (when the customer owes more) or a credit note (when it owes less). Both amounts are sums of
 * rounded lines, so the correction is itself exact to the cent.
 */
export function periodCorrection(input: CorrectionInput): Correction {
  const difference = input.ratedNow.minus(input.billed);
  if (difference.isZero()) return { kind: 'none' };
  if (difference.isNegative()) return { kind: 'credit', amount: difference.negated() };
  return {
    kind: 'adjustment',
    line: {
      kind: 'adjustment',
      chargeKey: 'period_correction',
      description: `Correction of ${input.periodKey} (${input.invoiceNumber}): usage received or corrected after it was invoiced`,
      basis: 'subscription',
      model: 'flat',
      planVersionId: null,
      segmentFrom: input.periodStart,
      segmentTo: input.periodEnd,
      quantity: new D(1),
      unitPrice: difference,
      amount: difference,
      roundedAmount: difference,
      correctsPeriod: input.periodKey,
      correctsInvoiceId: input.invoiceId,
      breakdown: [],
      rooms: [],
    },
  };
}
