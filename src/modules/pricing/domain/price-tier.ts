import { D, type Dec } from '../../../shared/money/decimal';

/**
 * One row of a tiered price sheet. Bounds are inclusive: with `upTo` 100, unit 100 is in this
 * tier and anything above it in the next. Only the last tier has no bound.
 */
export interface PriceTier {
  readonly upTo: Dec | null;
  readonly unitPrice: Dec;
  readonly flatFee: Dec;
}

/** A tier with its exclusive lower bound (0 for the first tier, which also holds zero). */
export interface BoundedPriceTier extends PriceTier {
  /** 1-based position in the sheet. */
  readonly tier: number;
  readonly from: Dec;
}

/**
 * Checks the sheet's shape (the validator reports the same problems field by field) and pairs
 * each tier with its lower bound. Throws a RangeError on an empty sheet, a bound that does not
 * rise above the previous one (or above 0), a bounded last tier or a negative price.
 */
export function boundedPriceTiers(tiers: readonly PriceTier[]): BoundedPriceTier[] {
  if (tiers.length === 0) {
    throw new RangeError('A tiered charge needs at least one tier');
  }
  let from = new D(0);
  return tiers.map((tier, index) => {
    const isLast = index === tiers.length - 1;
    if (tier.unitPrice.isNegative() || tier.flatFee.isNegative()) {
      throw new RangeError(`Tier ${index + 1} has a negative price`);
    }
    if (tier.upTo === null) {
      if (!isLast)
        throw new RangeError(`Only the last tier may be unbounded, not tier ${index + 1}`);
    } else {
      if (isLast) throw new RangeError('The last tier must be unbounded (upTo null)');
      if (!tier.upTo.greaterThan(from)) {
        throw new RangeError(
          `Tier ${index + 1} upTo ${tier.upTo.toString()} must be above ${from.toString()}`,
        );
      }
    }
    const bounded: BoundedPriceTier = { ...tier, tier: index + 1, from };
    if (tier.upTo !== null) from = tier.upTo;
    return bounded;
  });
}
