import { D, type Dec } from '../../../shared/money/decimal';
import type { InvoiceLineDraft } from './invoice-line';
import type { InvoiceStatus } from './invoice-status';
import {
  correctionLine,
  periodCorrection,
  spreadCredits,
  type CorrectionInput,
  type CreditRequest,
} from './period-correction';

/** An issued invoice of an earlier period, as its correction needs it. */
export interface IssuedInvoice {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly periodKey: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  /** The zone the period was cut in: it is rated again as it was invoiced. */
  readonly timeZone: string;
  readonly subtotal: Dec;
}

/** An adjustment line on `invoiceId` that corrected `correctsInvoiceId`'s period. */
export interface CarriedAdjustment {
  readonly correctsInvoiceId: string;
  readonly invoiceId: string;
  readonly roundedAmount: Dec;
}

/** Everything the corrections of a customer's earlier periods are computed from, loaded at once. */
export interface CorrectionBasis {
  /** The customer's issued invoices of the periods looked back on, oldest first. */
  readonly issued: readonly IssuedInvoice[];
  /** Adjustment lines of issued, not voided invoices correcting those, oldest carrier first. */
  readonly carried: readonly CarriedAdjustment[];
  /** Per period key: credit notes correcting it, against invoices not voided since. */
  readonly correctionCredits: ReadonlyMap<string, Dec>;
  /**
   * Per issued, not voided invoice among the issued and the carriers: its total minus the credit
   * notes against it. An invoice missing here takes no credit.
   */
  readonly remaining: ReadonlyMap<string, Dec>;
}

export const EMPTY_CORRECTION_BASIS: CorrectionBasis = {
  issued: [],
  carried: [],
  correctionCredits: new Map(),
  remaining: new Map(),
};

/** A voided period is closed and never corrected; only a numbered invoice can be named. */
export function isCorrectable(invoice: IssuedInvoice): boolean {
  return invoice.status !== 'void' && invoice.number !== null;
}

/**
 * The corrections a new draft carries: each correctable period's usage rated now (`ratedNow`,
 * by invoice id) against what was billed for it. An increase is an adjustment line; a decrease
 * a credit note, spread over the invoices that billed the period, and what none can take a
 * credit line. Lines come adjustments first, then those credit lines.
 */
export function correctPeriods(
  basis: CorrectionBasis,
  ratedNow: ReadonlyMap<string, Dec>,
): {
  readonly lines: InvoiceLineDraft[];
  readonly credits: { readonly invoiceId: string; readonly period: string; readonly amount: Dec }[];
} {
  const lines: InvoiceLineDraft[] = [];
  const creditRequests: CreditRequest[] = [];
  const corrected = new Map<string, CorrectionInput>();
  for (const issued of basis.issued) {
    if (!isCorrectable(issued) || issued.number === null) continue;
    const rated = ratedNow.get(issued.id);
    if (rated === undefined) throw new Error(`period ${issued.periodKey} was not rated again`);
    const carried = basis.carried.filter((line) => line.correctsInvoiceId === issued.id);
    const input: CorrectionInput = {
      invoiceId: issued.id,
      invoiceNumber: issued.number,
      periodKey: issued.periodKey,
      periodStart: issued.periodStart,
      periodEnd: issued.periodEnd,
      billed: issued.subtotal
        .plus(carried.reduce((sum, line) => sum.plus(line.roundedAmount), new D(0)))
        .minus(basis.correctionCredits.get(issued.periodKey) ?? 0),
      ratedNow: rated,
    };
    const correction = periodCorrection(input);
    if (correction.kind === 'adjustment') lines.push(correction.line);
    if (correction.kind === 'credit') {
      corrected.set(issued.periodKey, input);
      creditRequests.push({
        period: issued.periodKey,
        amount: correction.amount,
        targets: creditTargets(basis, [issued.id, ...carried.map((line) => line.invoiceId)]),
      });
    }
  }
  const spread = spreadCredits(creditRequests);
  for (const leftover of spread.leftovers) {
    const input = corrected.get(leftover.period);
    if (input) lines.push(correctionLine(input, leftover.amount.negated()));
  }
  return { lines, credits: spread.notes };
}

/** The issued, not voided invoices among `ids`, with what is left of each to credit. */
function creditTargets(basis: CorrectionBasis, ids: readonly string[]): CreditRequest['targets'] {
  const targets = [];
  for (const invoiceId of new Set(ids)) {
    const remaining = basis.remaining.get(invoiceId);
    if (remaining !== undefined) targets.push({ invoiceId, remaining });
  }
  return targets;
}
