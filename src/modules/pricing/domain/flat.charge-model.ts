import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel } from './charge-model';
import { checkedUnits } from './charge-units';

/** The same amount whatever the usage, e.g. a subscription fee. */
export class FlatChargeModel implements ChargeModel {
  private readonly amount: Dec;

  constructor(amount: Dec) {
    this.amount = checkedUnits(amount, 'flat amount');
  }

  price(units: Dec): ChargeAmount {
    const zero = new D(0);
    return {
      amount: this.amount,
      breakdown: [
        {
          kind: 'flat',
          units: checkedUnits(units),
          unitPrice: zero,
          flatFee: this.amount,
          amount: this.amount,
        },
      ],
    };
  }
}
