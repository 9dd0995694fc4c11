import { Decimal } from 'decimal.js';

/**
 * How amounts travel: a `Dec` beside the currency code of the record that holds it (an invoice, a
 * line, a usage row), never a JS number; rounded to the currency's minor unit (`minorUnits`) only
 * where an amount is billed. (An unused Money wrapper was removed: nothing carried one.)
 *
 * The project's decimal constructor. A clone, so no other library's global `Decimal.set` can
 * change how money is computed. Precision 100 keeps a product of two numeric(38,18) values
 * exact; the exponent limits make toString() always print plain digits, never `1e-7`.
 */
export const D = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export type Dec = InstanceType<typeof D>;

// No '+', no exponent, no bare '.5': the same shape Postgres numeric prints and the API accepts.
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** A non-negative plain decimal that fits numeric(38,18): an amount, price, rate or DBU given. */
export const NON_NEGATIVE_DECIMAL_PATTERN = /^\d{1,20}(\.\d{1,18})?$/;

const MAX_ECHOED_LENGTH = 40;

export function isDecimalString(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL_PATTERN.test(text);
}

/** Throws when `text` is not a plain decimal string such as "-12.3400". */
export function parseDecimal(text: string): Dec {
  if (!isDecimalString(text)) {
    throw new Error(
      `Invalid decimal ${describe(text)}: expected a plain decimal string such as "12.34" or "-0.5" (no '+', exponent, spaces or separators)`,
    );
  }
  return new D(text);
}

/**
 * Plain-digit string of `value`; with `scale`, rounded half away from zero to exactly that many
 * decimals. Built from the digits by hand: the fixed-notation helpers of number and Decimal are
 * banned repo-wide, so that formatting money through a float cannot slip in.
 */
export function formatDecimal(value: Dec, scale?: number): string {
  const own = asOwnDecimal(value);
  if (!own.isFinite()) {
    throw new Error(`Cannot format non-finite decimal ${own.toString()}`);
  }
  if (scale === undefined) {
    return own.toString();
  }
  assertScale(scale);
  const rounded = own.toDecimalPlaces(scale, D.ROUND_HALF_UP);
  const [integerPart, fractionPart = ''] = rounded.abs().toString().split('.');
  const sign = rounded.isNegative() && !rounded.isZero() ? '-' : '';
  return scale === 0
    ? `${sign}${integerPart}`
    : `${sign}${integerPart}.${fractionPart.padEnd(scale, '0')}`;
}

/**
 * `value` as a Decimal of D: itself when D made it (each instance names its constructor), else
 * re-wrapped, which applies D's settings (plain-digit toString) to a Decimal of another
 * constructor. Re-wrapping every value cost a copy per amount printed or split.
 */
export function asOwnDecimal(value: Dec): Dec {
  return value.constructor === D ? value : new D(value);
}

export function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0) {
    throw new Error(`Scale must be a non-negative integer, got ${String(scale)}`);
  }
}

function describe(text: unknown): string {
  if (typeof text !== 'string') return `value of type ${typeof text}`;
  const shown = text.length > MAX_ECHOED_LENGTH ? `${text.slice(0, MAX_ECHOED_LENGTH)}…` : text;
  return JSON.stringify(shown);
}
