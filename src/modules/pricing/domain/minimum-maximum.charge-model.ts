import { D, type Dec } from '../../../shared/money/decimal';
import type { AdjustmentTierAmount, ChargeAmount, ChargeModel } from './charge-model';
import { checkedUnits } from './charge-units';
import { assertProrationFactor, prorate } from './proration';

export interface MinimumMaximum {
  /** A commitment: the charge is at least this much per period. */
  readonly minimum?: Dec;
  /** A cap: the charge is never above this per period. */
  readonly maximum?: Dec;
  /** Share of the period the rated segment covers, in [0, 1]; 1 (the whole period) by default. */
  readonly prorationFactor?: Dec;
}

/**
 * Clamps the wrapped model's amount to [minimum x factor, maximum x factor], the minimum first
 * and then the maximum, so a (mis)configured maximum below the minimum wins. Each clamp that
 * changes the amount adds an entry saying so, with the limit and the amounts before and after.
 */
export class MinimumMaximumChargeModel implements ChargeModel {
  private readonly minimum: Dec | null;
  private readonly maximum: Dec | null;

  constructor(
    private readonly inner: ChargeModel,
    limits: MinimumMaximum,
  ) {
    const factor = limits.prorationFactor ?? new D(1);
    assertProrationFactor(factor);
    this.minimum = proratedLimit(limits.minimum, factor, 'minimum');
    this.maximum = proratedLimit(limits.maximum, factor, 'maximum');
  }

  price(units: Dec): ChargeAmount {
    const rated = this.inner.price(units);
    const adjustments: AdjustmentTierAmount[] = [];
    let amount = rated.amount;
    if (this.minimum !== null && amount.lessThan(this.minimum)) {
      adjustments.push(adjustment('minimum', this.minimum, amount, this.minimum));
      amount = this.minimum;
    }
    if (this.maximum !== null && amount.greaterThan(this.maximum)) {
      adjustments.push(adjustment('maximum', this.maximum, amount, this.maximum));
      amount = this.maximum;
    }
    if (adjustments.length === 0) return rated;
    return { amount, breakdown: [...rated.breakdown, ...adjustments] };
  }
}

function proratedLimit(limit: Dec | undefined, factor: Dec, name: string): Dec | null {
  return limit === undefined ? null : prorate(checkedUnits(limit, name), factor);
}

function adjustment(
  kind: AdjustmentTierAmount['kind'],
  limit: Dec,
  amountBefore: Dec,
  amountAfter: Dec,
): AdjustmentTierAmount {
  const zero = new D(0);
  return {
    kind,
    limit,
    amountBefore,
    amountAfter,
    units: zero,
    unitPrice: zero,
    flatFee: zero,
    amount: amountAfter.minus(amountBefore),
  };
}
