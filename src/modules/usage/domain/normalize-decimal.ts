import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';

/** numeric(38,18): 20 digits before the point, 18 after. */
const MAX_INTEGER_DIGITS = 20;
const MAX_FRACTION_DIGITS = 18;
// Beyond this decimal.js under- or overflows to 0 or Infinity instead of keeping the value.
const MAX_EXPONENT_DIGITS = 15;
const NUMERIC_PATTERN = /^[+-]?(\d+(?:\.\d+)?)(?:[eE][+-]?0*(\d+))?$/;

export type DecimalOutcome =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'invalid' | 'out_of_range' };

/**
 * The canonical decimal string of an exported numeric(38,18) value, exactly: plain digits, no
 * exponent, no '+', no leading or trailing zeros, and '0' for any zero ('-0.000' included), so
 * equal amounts compare equal as text ('1.842275000000000000' gives '1.842275').
 *
 * Accepts a decimal string (trimmed; a leading '+' and an exponent such as '1.5E-3' allowed),
 * a finite JS number (read through String(), so only as exact as the float it is) or a bigint.
 * `out_of_range` when the value needs more than 20 integer or 18 fraction digits.
 */
export function normalizeDecimal(value: unknown): DecimalOutcome {
  const text = decimalText(value);
  if (text === null) return { ok: false, reason: 'invalid' };
  const match = NUMERIC_PATTERN.exec(text);
  if (match === null) return { ok: false, reason: 'invalid' };
  const [, mantissa, exponentDigits] = match;
  if (exponentDigits === undefined) return plainDecimal(text);
  if (exponentDigits.length > MAX_EXPONENT_DIGITS) {
    return /[1-9]/.test(mantissa) ? { ok: false, reason: 'out_of_range' } : zero();
  }
  const decimal: Dec = new D(text);
  if (decimal.isZero()) return zero();
  // Checked before printing: '1e900000000' would otherwise print 900 million digits.
  if (decimal.e >= MAX_INTEGER_DIGITS || decimal.decimalPlaces() > MAX_FRACTION_DIGITS) {
    return { ok: false, reason: 'out_of_range' };
  }
  return { ok: true, value: formatDecimal(decimal) };
}

/**
 * The canonical form of a decimal without exponent (already matched by NUMERIC_PATTERN) by
 * trimming its digits as text: the same result as through decimal.js, without a Decimal per row
 * of a million-row import.
 */
function plainDecimal(text: string): DecimalOutcome {
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const point = unsigned.indexOf('.');
  let integer = point < 0 ? unsigned : unsigned.slice(0, point);
  let fraction = point < 0 ? '' : unsigned.slice(point + 1);
  let first = 0;
  while (first < integer.length - 1 && integer.charCodeAt(first) === ZERO) first++;
  if (first > 0) integer = integer.slice(first);
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === ZERO) end--;
  if (end < fraction.length) fraction = fraction.slice(0, end);
  if (integer === '0' && fraction === '') return zero();
  if (integer.length > MAX_INTEGER_DIGITS || fraction.length > MAX_FRACTION_DIGITS) {
    return { ok: false, reason: 'out_of_range' };
  }
  const digits = fraction === '' ? integer : `${integer}.${fraction}`;
  return { ok: true, value: negative ? `-${digits}` : digits };
}

const ZERO = 48;

function decimalText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  return null;
}

function zero(): DecimalOutcome {
  return { ok: true, value: '0' };
}
