import { asOwnDecimal, assertScale, D, type Dec, formatDecimal } from './decimal';

/**
 * Splits `total` over `weights` by the largest-remainder (Hamilton) method, so the parts add up
 * to the total exactly. Each part is a multiple of 10^-scale and within one unit of its exact
 * proportional share; ties between remainders go to the lower index, so the result is
 * deterministic. Throws when `total` has more decimals than `scale`, when weights mix signs,
 * or when a non-zero total meets weights that are all zero (or no weights at all).
 */
export function allocateLargestRemainder(total: Dec, weights: Dec[], scale: number): Dec[] {
  const exactTotal = checkedTotal(total, scale);
  assertWeightsShareSign(weights);
  const weightScale = weights.reduce((max, w) => Math.max(max, w.decimalPlaces()), 0);
  // Weights share one sign, so their magnitudes carry the same proportions.
  const scaledWeights = weights.map((w) => toScaledInteger(asOwnDecimal(w), weightScale));
  return scaledParts(exactTotal, scaledWeights, scale).map((part) => fromScaledUnits(part, scale));
}

/**
 * The parts allocateLargestRemainder gives over whole-number weights (such as milliseconds), all
 * >= 0, as signed integers of 10^-scale, with no Decimal made for a weight or a part: for callers
 * that split many amounts (every hour of a room-month) and sum the parts before printing them.
 */
export function allocateScaledUnits(
  total: Dec,
  weights: readonly bigint[],
  scale: number,
): bigint[] {
  const exactTotal = checkedTotal(total, scale);
  if (weights.some((w) => w < 0n)) {
    throw new Error('Cannot allocate over negative integer weights: all must be >= 0');
  }
  return scaledParts(exactTotal, weights, scale);
}

/** `units` x 10^-scale, exactly. */
export function fromScaledUnits(units: bigint, scale: number): Dec {
  // Exponent notation is parsed exactly; dividing by 10^scale would round to the precision.
  return new D(`${units.toString()}e-${scale}`);
}

function checkedTotal(total: Dec, scale: number): Dec {
  assertScale(scale);
  const exactTotal = asOwnDecimal(total);
  assertFinite(exactTotal, 'total');
  if (exactTotal.decimalPlaces() > scale) {
    throw new Error(
      `Cannot allocate ${formatDecimal(exactTotal)} at scale ${scale}: round the total to ${scale} decimal places first`,
    );
  }
  return exactTotal;
}

/** The method itself, on |total| x 10^scale and weights as non-negative integers. */
function scaledParts(exactTotal: Dec, scaledWeights: readonly bigint[], scale: number): bigint[] {
  // Integer arithmetic on scaled values (BigInt, not Decimal division) makes every floor and
  // remainder exact however many digits the weights carry.
  const units = toScaledInteger(exactTotal, scale);
  const weightSum = scaledWeights.reduce((sum, w) => sum + w, 0n);

  if (weightSum === 0n) {
    if (units === 0n) return scaledWeights.map(() => 0n);
    const over = scaledWeights.length === 0 ? 'no weights' : 'weights that are all zero';
    throw new Error(`Cannot allocate ${formatDecimal(exactTotal)} over ${over}`);
  }
  const parts = largestRemainder(units, scaledWeights, weightSum);
  // Allocating |total| and negating keeps credits the mirror image of charges.
  return exactTotal.isNegative() ? parts.map((part) => -part) : parts;
}

/** `units` (>= 0) over weights (>= 0, summing to `weightSum` > 0). */
function largestRemainder(units: bigint, weights: readonly bigint[], weightSum: bigint): bigint[] {
  // One weight takes everything: the general case computes exactly this.
  if (weights.length === 1) return [units];
  const floors = weights.map((w) => (units * w) / weightSum);
  const remainders = weights.map((w) => (units * w) % weightSum);
  let leftover = units - floors.reduce((sum, part) => sum + part, 0n);
  if (leftover === 1n) {
    // The usual case: the first of the largest remainders, as the sort below would pick.
    let best = 0;
    for (let i = 1; i < remainders.length; i++) if (remainders[i] > remainders[best]) best = i;
    floors[best] += 1n;
  } else if (leftover > 0n) {
    const byLargestRemainder = remainders
      .map((_, index) => index)
      .sort((a, b) => compareDescending(remainders[a], remainders[b]) || a - b);
    for (const index of byLargestRemainder) {
      if (leftover === 0n) break;
      floors[index] += 1n;
      leftover -= 1n;
    }
  }
  return floors;
}

function assertWeightsShareSign(weights: Dec[]): void {
  weights.forEach((w, index) => assertFinite(new D(w), `weight[${index}]`));
  if (weights.some((w) => w.gt(0)) && weights.some((w) => w.lt(0))) {
    throw new Error('Cannot allocate over weights of mixed signs: all must be >= 0 or all <= 0');
  }
}

function assertFinite(value: Dec, name: string): void {
  if (!value.isFinite()) {
    throw new Error(`Cannot allocate: ${name} must be finite, got ${value.toString()}`);
  }
}

function compareDescending(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}

/** 10^n as a BigInt, for the n a scale difference takes (made once each). */
const POWERS_OF_TEN: bigint[] = [];
function tenTo(n: number): bigint {
  for (let k = POWERS_OF_TEN.length; k <= n; k++) POWERS_OF_TEN.push(10n ** BigInt(k));
  return POWERS_OF_TEN[n];
}

/**
 * |value| x 10^scale as an exact integer (value must fit scale), from the value's own digits:
 * decimal.js keeps them as base-10^7 words `d` (the first without leading zeros) with `e` the
 * exponent of the leading digit, both documented read-only properties. Printing the value and
 * parsing the text, as before, was most of the cost of splitting a room-month's hours.
 */
function toScaledInteger(value: Dec, scale: number): bigint {
  const words = value.d;
  if (words[0] === 0) return 0n;
  let digits = BigInt(words[0]);
  for (let i = 1; i < words.length; i++) digits = digits * 10_000_000n + BigInt(words[i]);
  const count = String(words[0]).length + 7 * (words.length - 1);
  // value = digits x 10^(e - count + 1). The last word is padded with zeros to 7 digits, so the
  // shift can be negative by up to 6 even when the value fits the scale: then it drops zeros.
  const shift = value.e - count + 1 + scale;
  return shift >= 0 ? digits * tenTo(shift) : digits / tenTo(-shift);
}
