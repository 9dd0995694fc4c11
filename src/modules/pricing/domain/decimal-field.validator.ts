import {
  D,
  type Dec,
  isDecimalString,
  NON_NEGATIVE_DECIMAL_PATTERN,
} from '../../../shared/money/decimal';
import type { ChargeDefinitionFieldError } from './charge-definition-error-code';

export type DecimalFieldCheck =
  | { readonly ok: true; readonly value: Dec }
  | { readonly ok: false; readonly errors: ChargeDefinitionFieldError[] };

/** Checks one required amount, price, rate or bound and parses it when valid. */
export function checkNonNegativeDecimal(value: unknown, field: string): DecimalFieldCheck {
  if (value === undefined) {
    return failed(field, 'required', `${field} is required`);
  }
  if (!isDecimalString(value)) {
    return failed(
      field,
      'invalid_decimal',
      `${field} must be a plain decimal string such as "12.50" (no number, sign, exponent or separators)`,
    );
  }
  if (value.startsWith('-')) {
    return failed(field, 'negative', `${field} must not be negative`);
  }
  if (!NON_NEGATIVE_DECIMAL_PATTERN.test(value)) {
    return failed(
      field,
      'too_many_digits',
      `${field} must have at most 20 integer digits and 18 decimals`,
    );
  }
  return { ok: true, value: new D(value) };
}

/** The errors of `checkNonNegativeDecimal`, skipping an absent optional field. */
export function decimalFieldErrors(
  value: unknown,
  field: string,
  optional = false,
): ChargeDefinitionFieldError[] {
  if (optional && value === undefined) return [];
  const check = checkNonNegativeDecimal(value, field);
  return check.ok ? [] : check.errors;
}

function failed(
  field: string,
  code: ChargeDefinitionFieldError['code'],
  message: string,
): DecimalFieldCheck {
  return { ok: false, errors: [{ field, code, message }] };
}
