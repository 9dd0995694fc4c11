import type { Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel } from './charge-model';
import { checkedUnits } from './charge-units';
import { type BoundedPriceTier, boundedPriceTiers, type PriceTier } from './price-tier';

/**
 * All units at the unit price of the tier the total falls in, plus that tier's flat fee; zero
 * usage falls in the first tier. The total can drop when usage crosses a bound into a cheaper
 * tier: that is the model (Stripe's and Lago's "volume"), not a bug.
 */
export class VolumeChargeModel implements ChargeModel {
  private readonly tiers: readonly BoundedPriceTier[];

  constructor(tiers: readonly PriceTier[]) {
    this.tiers = boundedPriceTiers(tiers);
  }

  price(units: Dec): ChargeAmount {
    const quantity = checkedUnits(units);
    const tier = this.tierOf(quantity);
    const amount = quantity.times(tier.unitPrice).plus(tier.flatFee);
    return {
      amount,
      breakdown: [
        {
          kind: 'volume_tier',
          tier: tier.tier,
          from: tier.from,
          upTo: tier.upTo,
          units: quantity,
          unitPrice: tier.unitPrice,
          flatFee: tier.flatFee,
          amount,
        },
      ],
    };
  }

  /** Bounds are inclusive, so a total exactly at a bound stays in the lower tier. */
  private tierOf(quantity: Dec): BoundedPriceTier {
    const found = this.tiers.find(
      (tier) => tier.upTo === null || quantity.lessThanOrEqualTo(tier.upTo),
    );
    // boundedPriceTiers guarantees an unbounded last tier, so `find` always succeeds.
    if (found === undefined) throw new Error('Volume tiers have no unbounded last tier');
    return found;
  }
}
