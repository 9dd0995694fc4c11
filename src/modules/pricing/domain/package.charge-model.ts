import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel } from './charge-model';
import { checkedUnits } from './charge-units';

/** A price per started block of `size` units: 101 units in blocks of 100 are 2 blocks. */
export class PackageChargeModel implements ChargeModel {
  private readonly size: Dec;
  private readonly blockPrice: Dec;

  constructor(size: Dec, blockPrice: Dec) {
    this.size = checkedUnits(size, 'package size');
    if (this.size.isZero()) throw new RangeError('package size must be above zero');
    this.blockPrice = checkedUnits(blockPrice, 'block price');
  }

  price(units: Dec): ChargeAmount {
    const quantity = checkedUnits(units);
    const blocks = blocksOf(quantity, this.size);
    const amount = blocks.times(this.blockPrice);
    return {
      amount,
      breakdown: [
        {
          kind: 'package',
          units: quantity,
          blocks,
          blockSize: this.size,
          unitPrice: this.blockPrice,
          flatFee: new D(0),
          amount,
        },
      ],
    };
  }
}

/**
 * Integer division and remainder are exact in decimal.js, unlike a ceil of a quotient rounded
 * to 100 digits, which could drop a block when the remainder is tiny.
 */
function blocksOf(units: Dec, size: Dec): Dec {
  const whole = units.dividedToIntegerBy(size);
  return units.modulo(size).isZero() ? whole : whole.plus(1);
}
