import { D, type Dec } from '../../../shared/money/decimal';
import { segmentFactors } from './proration';

/** One entry of a customer's subscription history: `value` (a plan version) in effect from an instant. */
export interface EffectiveFrom<V> {
  readonly effectiveFrom: Date;
  readonly value: V;
}

/** The part of a billing period one plan version covers, and its share of the whole period. */
export interface PeriodSegment<V> {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly value: V;
  /** Share of the whole period (by time), for prorating flat and per-room amounts. */
  readonly factor: Dec;
}

/**
 * Splits [start, end) at the subscription changes inside it. Time before the first subscription
 * belongs to no segment (there is nothing to bill), so the factors of a period entered mid-way
 * add up to less than 1; with the uncovered time counted, they add up to exactly 1, so
 * prorated amounts never lose or double-bill a sliver of the period.
 */
export function periodSegments<V>(
  period: { readonly start: Date; readonly end: Date },
  history: readonly EffectiveFrom<V>[],
): PeriodSegment<V>[] {
  const start = period.start.getTime();
  const end = period.end.getTime();
  if (!(end > start)) throw new RangeError('A period must end after it starts');
  const ordered = [...history].sort(
    (a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime(),
  );

  // Pieces of the period, each with the version in force (null before the first one).
  const pieces: { from: number; to: number; value: V | null }[] = [];
  let cursor = start;
  let current: V | null = null;
  for (const entry of ordered) {
    const at = entry.effectiveFrom.getTime();
    if (at <= start) {
      current = entry.value;
      continue;
    }
    if (at >= end) break;
    if (at > cursor) pieces.push({ from: cursor, to: at, value: current });
    cursor = at;
    current = entry.value;
  }
  pieces.push({ from: cursor, to: end, value: current });

  const factors = segmentFactors(pieces.map((piece) => new D(piece.to - piece.from)));
  return pieces.flatMap((piece, i) =>
    piece.value === null
      ? []
      : [
          {
            from: new Date(piece.from),
            to: new Date(piece.to),
            value: piece.value,
            factor: factors[i],
          },
        ],
  );
}
