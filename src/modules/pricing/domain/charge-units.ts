import { D, type Dec } from '../../../shared/money/decimal';

/**
 * The units a charge model accepts: finite and not negative. Retractions are netted before
 * rating, so a negative quantity here is a bug upstream, not a credit to price.
 */
export function checkedUnits(units: Dec, name = 'units'): Dec {
  const value = new D(units);
  // -0 reports isNegative(); netting can produce it, and it is simply zero.
  if (value.isZero()) return new D(0);
  if (!value.isFinite() || value.isNegative()) {
    throw new RangeError(`${name} must be a finite, non-negative decimal, got ${value.toString()}`);
  }
  return value;
}

export function sumAmounts(amounts: readonly Dec[]): Dec {
  return amounts.reduce((total, amount) => total.plus(amount), new D(0));
}
