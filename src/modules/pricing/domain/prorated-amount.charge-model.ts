import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel } from './charge-model';
import { prorate } from './proration';

/**
 * Scales a period amount (a subscription fee, a per-room fee) to the share of the period its
 * segment covers. It sits inside the minimum/maximum wrapper, which prorates its own limits.
 */
export class ProratedAmountChargeModel implements ChargeModel {
  constructor(
    private readonly inner: ChargeModel,
    private readonly factor: Dec,
  ) {}

  price(units: Dec): ChargeAmount {
    const full = this.inner.price(units);
    if (this.factor.equals(1)) return full;
    const prorated = prorate(full.amount, this.factor);
    return {
      amount: prorated,
      breakdown: [
        ...full.breakdown,
        {
          kind: 'proration',
          units: new D(0),
          unitPrice: new D(0),
          flatFee: new D(0),
          factor: this.factor,
          amountBefore: full.amount,
          amountAfter: prorated,
          amount: prorated.minus(full.amount),
        },
      ],
    };
  }
}
