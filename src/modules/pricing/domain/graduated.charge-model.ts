import { D, type Dec } from '../../../shared/money/decimal';
import type { ChargeAmount, ChargeModel, PriceTierAmount } from './charge-model';
import { checkedUnits, sumAmounts } from './charge-units';
import { type BoundedPriceTier, boundedPriceTiers, type PriceTier } from './price-tier';

/**
 * Each unit at the price of its own tier. A tier's flat fee is due as soon as usage enters the
 * tier, by any fraction; the first tier's is due even at zero usage (a base fee).
 */
export class GraduatedChargeModel implements ChargeModel {
  private readonly tiers: readonly BoundedPriceTier[];

  constructor(tiers: readonly PriceTier[]) {
    this.tiers = boundedPriceTiers(tiers);
  }

  price(units: Dec): ChargeAmount {
    const quantity = checkedUnits(units);
    const breakdown: PriceTierAmount[] = [];
    for (const tier of this.tiers) {
      const entered = tier.tier === 1 || quantity.greaterThan(tier.from);
      if (!entered) break;
      const top = tier.upTo === null ? quantity : D.min(quantity, tier.upTo);
      const unitsInTier = top.minus(tier.from);
      breakdown.push({
        kind: 'graduated_tier',
        tier: tier.tier,
        from: tier.from,
        upTo: tier.upTo,
        units: unitsInTier,
        unitPrice: tier.unitPrice,
        flatFee: tier.flatFee,
        amount: unitsInTier.times(tier.unitPrice).plus(tier.flatFee),
      });
    }
    return { amount: sumAmounts(breakdown.map((entry) => entry.amount)), breakdown };
  }
}
