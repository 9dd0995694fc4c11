import { allocateLargestRemainder } from '../../../shared/money/allocation';
import { D, type Dec } from '../../../shared/money/decimal';

/**
 * Decimals of a segment factor. A share of a month such as 1/3 has no finite decimal form, so
 * factors are cut at 40 decimals with the largest remainder: they then sum to exactly 1, each is
 * within 1e-40 of its true share, and a numeric(38,18) amount times a factor (at most 79
 * significant digits) stays exact at D's precision of 100, so prorated parts sum to the whole.
 */
export const PRORATION_SCALE = 40;

/** `amount` x `factor` at full precision; throws a RangeError unless 0 <= factor <= 1. */
export function prorate(amount: Dec, factor: Dec): Dec {
  assertProrationFactor(factor);
  return new D(amount).times(factor);
}

export function assertProrationFactor(factor: Dec): void {
  if (!isProrationFactor(factor)) {
    throw new RangeError(`A proration factor must be within [0, 1], got ${factor.toString()}`);
  }
}

/**
 * The factors of segments that together cover one whole period: as many as there are
 * `durations` (in any one unit: seconds, milliseconds), proportional to them, at
 * PRORATION_SCALE decimals and summing to exactly 1. Throws for a negative or non-finite
 * duration, or when the durations add up to zero.
 */
export function segmentFactors(durations: readonly Dec[]): Dec[] {
  durations.forEach((duration, index) => {
    if (!duration.isFinite() || (duration.isNegative() && !duration.isZero())) {
      throw new RangeError(`Segment ${index} has an invalid duration ${duration.toString()}`);
    }
  });
  if (!durations.some((duration) => !duration.isZero())) {
    throw new RangeError('Segments covering a period need a total duration above zero');
  }
  return allocateLargestRemainder(new D(1), [...durations], PRORATION_SCALE);
}

/**
 * True when every factor is in [0, 1] and they add up to exactly 1, compared as exact decimals
 * (no tolerance): a plan change must neither lose nor double-bill a sliver of the period.
 */
export function factorsCoverWholePeriod(factors: readonly Dec[]): boolean {
  if (factors.length === 0 || !factors.every(isProrationFactor)) return false;
  // Additions of factors with at most 99 decimals are exact at D's precision of 100.
  return factors.reduce((sum, factor) => sum.plus(factor), new D(0)).equals(1);
}

/** Throws a RangeError naming the sum when `factorsCoverWholePeriod` is false. */
export function assertFactorsCoverWholePeriod(factors: readonly Dec[]): void {
  if (!factorsCoverWholePeriod(factors)) {
    const sum = factors.reduce((total, factor) => total.plus(factor), new D(0));
    throw new RangeError(
      `Segment factors must each be within [0, 1] and sum to exactly 1, got ${factors.length} summing to ${sum.toString()}`,
    );
  }
}

function isProrationFactor(factor: Dec): boolean {
  return factor.isFinite() && factor.greaterThanOrEqualTo(0) && factor.lessThanOrEqualTo(1);
}
