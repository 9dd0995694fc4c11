import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel } from './charge-model';
import { checkedUnits } from './charge-units';

/** Every unit at the same price. */
export class PerUnitChargeModel implements ChargeModel {
  private readonly unitPrice: Dec;

  constructor(unitPrice: Dec) {
    this.unitPrice = checkedUnits(unitPrice, 'unit price');
  }

  price(units: Dec): ChargeAmount {
    const quantity = checkedUnits(units);
    const amount = quantity.times(this.unitPrice);
    return {
      amount,
      breakdown: [
        { kind: 'per_unit', units: quantity, unitPrice: this.unitPrice, flatFee: new D(0), amount },
      ],
    };
  }
}
