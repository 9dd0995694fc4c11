import type { Dec } from '../../../shared/money/decimal';

/**
 * A pricing rule for one charge over one period (or one segment of it). Implementations are
 * pure and keep full precision: rounding happens once, on the invoice line.
 */
export interface ChargeModel {
  /** `units` must be a finite, non-negative decimal; throws a RangeError otherwise. */
  price(units: Dec): ChargeAmount;
}

export interface ChargeAmount {
  readonly amount: Dec;
  /** What makes up `amount`, in order; the entries' amounts add up to it exactly. */
  readonly breakdown: readonly TierAmount[];
}

/** Fields every entry carries, so an invoice line can show units x unit price + flat fee. */
interface TierAmountBase {
  /** Units priced by the entry; for `percentage` the cost basis, for adjustments zero. */
  readonly units: Dec;
  /** Price of one unit; of one block for `package`; the rate for `percentage`. */
  readonly unitPrice: Dec;
  readonly flatFee: Dec;
  readonly amount: Dec;
}

export interface SimpleTierAmount extends TierAmountBase {
  /** `included` entries list the free units taken off first, at amount zero. */
  readonly kind: 'flat' | 'per_unit' | 'percentage' | 'included';
}

export interface PriceTierAmount extends TierAmountBase {
  readonly kind: 'graduated_tier' | 'volume_tier';
  /** 1-based position of the tier in the price sheet. */
  readonly tier: number;
  /** The tier holds the units above `from` up to and including `upTo` (null: no bound). */
  readonly from: Dec;
  readonly upTo: Dec | null;
}

export interface PackageTierAmount extends TierAmountBase {
  readonly kind: 'package';
  readonly blocks: Dec;
  readonly blockSize: Dec;
}

/** A minimum top-up (positive amount) or a maximum cut (negative amount). */
export interface AdjustmentTierAmount extends TierAmountBase {
  readonly kind: 'minimum' | 'maximum';
  /** The minimum or maximum after proration. */
  readonly limit: Dec;
  readonly amountBefore: Dec;
  /** The clamped amount; `amount` is the difference. */
  readonly amountAfter: Dec;
}

/** A flat or per-room amount scaled to the share of the period its segment covers. */
export interface ProrationTierAmount extends TierAmountBase {
  readonly kind: 'proration';
  readonly factor: Dec;
  readonly amountBefore: Dec;
  /** The prorated amount; `amount` is the difference (zero or negative). */
  readonly amountAfter: Dec;
}

export type TierAmount =
  | SimpleTierAmount
  | PriceTierAmount
  | PackageTierAmount
  | AdjustmentTierAmount
  | ProrationTierAmount;
