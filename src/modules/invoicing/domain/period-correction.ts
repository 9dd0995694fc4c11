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
 * (when the customer owes more) or a credit (when it owes less). Both amounts are sums of
 * rounded lines, so the correction is itself exact to the cent.
 */
export function periodCorrection(input: CorrectionInput): Correction {
  const difference = input.ratedNow.minus(input.billed);
  if (difference.isZero()) return { kind: 'none' };
  if (difference.isNegative()) return { kind: 'credit', amount: difference.negated() };
  return { kind: 'adjustment', line: correctionLine(input, difference) };
}

/** The adjustment line for `amount` (negative: a credit line) correcting the input's period. */
export function correctionLine(input: CorrectionInput, amount: Dec): InvoiceLineDraft {
  return {
    kind: 'adjustment',
    chargeKey: 'period_correction',
    description: `Correction of ${input.periodKey} (${input.invoiceNumber}): usage received or corrected after it was invoiced`,
    basis: 'subscription',
    model: 'flat',
    planVersionId: null,
    segmentFrom: input.periodStart,
    segmentTo: input.periodEnd,
    quantity: new D(1),
    unitPrice: amount,
    amount,
    roundedAmount: amount,
    correctsPeriod: input.periodKey,
    correctsInvoiceId: input.invoiceId,
    breakdown: [],
    rooms: [],
  };
}

/**
 * A credit spread over the invoices that billed the period (its own first, then those that
 * carried its adjustments), each credit note no larger than what is left of its invoice; what
 * no invoice can take is left over (for a credit line on the next invoice).
 */
export function spreadCredit(
  amount: Dec,
  targets: readonly { readonly invoiceId: string; readonly remaining: Dec }[],
): {
  readonly notes: { readonly invoiceId: string; readonly amount: Dec }[];
  readonly leftover: Dec;
} {
  let left = new D(amount);
  const notes: { invoiceId: string; amount: Dec }[] = [];
  for (const target of targets) {
    if (left.isZero()) break;
    const take = D.min(left, D.max(target.remaining, 0));
    if (take.isZero()) continue;
    notes.push({ invoiceId: target.invoiceId, amount: take });
    left = left.minus(take);
  }
  return { notes, leftover: left };
}

export interface CreditRequest {
  readonly period: string;
  readonly amount: Dec;
  /** The invoices that billed the period, in order, with what is left of each before this draft. */
  readonly targets: readonly { readonly invoiceId: string; readonly remaining: Dec }[];
}

/**
 * The credits of one draft, period after period: what an earlier period's credit took from an
 * invoice is no longer left for the next, so no invoice is credited beyond its total.
 */
export function spreadCredits(requests: readonly CreditRequest[]): {
  readonly notes: { readonly invoiceId: string; readonly period: string; readonly amount: Dec }[];
  readonly leftovers: { readonly period: string; readonly amount: Dec }[];
} {
  const taken = new Map<string, Dec>();
  const notes: { invoiceId: string; period: string; amount: Dec }[] = [];
  const leftovers: { period: string; amount: Dec }[] = [];
  for (const request of requests) {
    const spread = spreadCredit(
      request.amount,
      request.targets.map((target) => ({
        invoiceId: target.invoiceId,
        remaining: target.remaining.minus(taken.get(target.invoiceId) ?? 0),
      })),
    );
    for (const note of spread.notes) {
      taken.set(note.invoiceId, (taken.get(note.invoiceId) ?? new D(0)).plus(note.amount));
      notes.push({ ...note, period: request.period });
    }
    if (!spread.leftover.isZero())
      leftovers.push({ period: request.period, amount: spread.leftover });
  }
  return { notes, leftovers };
}
