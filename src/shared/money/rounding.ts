import { minorUnits } from './currency';
import { assertScale, D, type Dec } from './decimal';

/**
 * Rounds to `scale` decimals, ties away from zero for credits too (-0.005 -> -0.01), as the
 * billing rules require. A zero result is returned as +0 so that `isNegative()` never reports
 * a sign on an amount that rounded away.
 */
export function roundHalfUp(amount: Dec, scale: number): Dec {
  assertScale(scale);
  const rounded = new D(amount).toDecimalPlaces(scale, D.ROUND_HALF_UP);
  return rounded.isZero() ? new D(0) : rounded;
}

export function roundToMinorUnit(amount: Dec, currency: string): Dec {
  return roundHalfUp(amount, minorUnits(currency));
}
