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
  const [, mantissa, exponentDigits = ''] = match;
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

function decimalText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  return null;
}

function zero(): DecimalOutcome {
  return { ok: true, value: '0' };
}
