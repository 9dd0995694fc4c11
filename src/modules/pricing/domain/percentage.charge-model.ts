import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel } from './charge-model';
import { checkedUnits } from './charge-units';

/**
 * A rate on a cost basis, e.g. a markup on partner cost. The rate is a fraction: 0.15 charges
 * 15 % of the basis. The units passed in are that basis, an amount of money.
 */
export class PercentageChargeModel implements ChargeModel {
  private readonly rate: Dec;

  constructor(rate: Dec) {
    this.rate = checkedUnits(rate, 'rate');
  }

  price(costBasis: Dec): ChargeAmount {
    const basis = checkedUnits(costBasis, 'cost basis');
    const amount = basis.times(this.rate);
    return {
      amount,
      breakdown: [
        { kind: 'percentage', units: basis, unitPrice: this.rate, flatFee: new D(0), amount },
      ],
    };
  }
}
