import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel, TierAmount } from './charge-model';
import { checkedUnits } from './charge-units';

/**
 * Takes the free units of the period off before the wrapped model sees the usage, so tiers and
 * package blocks count from the first paid unit. Usage below the allowance bills zero units,
 * never a negative quantity; a base fee of the wrapped model (a first tier's flat fee, a flat
 * amount) is still due.
 */
export class IncludedUnitsChargeModel implements ChargeModel {
  private readonly included: Dec;

  constructor(
    private readonly inner: ChargeModel,
    included: Dec,
  ) {
    this.included = checkedUnits(included, 'included units');
  }

  price(units: Dec): ChargeAmount {
    const quantity = checkedUnits(units);
    const free = D.min(quantity, this.included);
    const rated = this.inner.price(quantity.minus(free));
    if (free.isZero()) return rated;
    const zero = new D(0);
    const included: TierAmount = {
      kind: 'included',
      units: free,
      unitPrice: zero,
      flatFee: zero,
      amount: zero,
    };
    return { amount: rated.amount, breakdown: [included, ...rated.breakdown] };
  }
}
