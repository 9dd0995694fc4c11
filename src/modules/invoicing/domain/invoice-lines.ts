import type { RatingResult, RatingSegment } from '../../pricing/domain/rate-period';
import type { InvoiceLineDraft } from './invoice-line';

/** The rated lines of a period as invoice lines, each carrying its segment and plan version. */
export function linesFromRating(
  result: RatingResult,
  segments: readonly RatingSegment[],
): InvoiceLineDraft[] {
  return result.lines.map((line) => {
    const segment = segments[line.segment];
    return {
      kind: line.kind,
      chargeKey: line.chargeKey,
      description: line.description,
      basis: line.basis,
      model: line.model,
      planVersionId: segment.planVersionId,
      segmentFrom: segment.from,
      segmentTo: segment.to,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      amount: line.amount,
      roundedAmount: line.roundedAmount,
      correctsPeriod: null,
      correctsInvoiceId: null,
      breakdown: line.breakdown,
      rooms: line.rooms,
    };
  });
}
