import { D, type Dec } from '../../../shared/money/decimal';
import type { InvoiceLineDraft } from './invoice-line';

export interface InvoiceTotals {
  /** The period's own charges. */
  readonly subtotal: Dec;
  /** Corrections of earlier periods that add to what is due. */
  readonly adjustments: Dec;
  /** Corrections of earlier periods that take from it (zero or negative). */
  readonly credits: Dec;
  /** subtotal + adjustments + credits: the sum of the rounded lines. */
  readonly total: Dec;
}

export function invoiceTotals(lines: readonly InvoiceLineDraft[]): InvoiceTotals {
  let subtotal = new D(0);
  let adjustments = new D(0);
  let credits = new D(0);
  for (const line of lines) {
    if (line.kind !== 'adjustment') subtotal = subtotal.plus(line.roundedAmount);
    else if (line.roundedAmount.isNegative()) credits = credits.plus(line.roundedAmount);
    else adjustments = adjustments.plus(line.roundedAmount);
  }
  return { subtotal, adjustments, credits, total: subtotal.plus(adjustments).plus(credits) };
}
