/**
 * The stored, serialisable form of a charge's pricing: every amount, price, rate and bound is a
 * plain decimal string (never a JSON number). Validate with `validateChargeDefinition`, build
 * with `buildChargeModel`.
 */
export const CHARGE_MODEL_NAMES = [
  'flat',
  'per_unit',
  'graduated',
  'volume',
  'package',
  'percentage',
] as const;

export type ChargeModelName = (typeof CHARGE_MODEL_NAMES)[number];

/** Options of every model; units and amounts are per period. */
export interface ChargeOptionsDefinition {
  /** Free units each period, taken off before the model prices the rest. */
  readonly included?: string;
  /** The charge is at least this much per period (prorated for a segment). */
  readonly minimum?: string;
  /** The charge is never above this per period (prorated for a segment). */
  readonly maximum?: string;
}

export interface FlatChargeDefinition extends ChargeOptionsDefinition {
  readonly model: 'flat';
  readonly amount: string;
}

export interface PerUnitChargeDefinition extends ChargeOptionsDefinition {
  readonly model: 'per_unit';
  readonly unitPrice: string;
}

export interface PriceTierDefinition {
  /** Inclusive upper bound in units; null on the last tier only. */
  readonly upTo: string | null;
  readonly unitPrice: string;
  readonly flatFee?: string;
}

export interface TieredChargeDefinition extends ChargeOptionsDefinition {
  readonly model: 'graduated' | 'volume';
  readonly tiers: readonly PriceTierDefinition[];
}

export interface PackageChargeDefinition extends ChargeOptionsDefinition {
  readonly model: 'package';
  /** Units per block; above zero. */
  readonly size: string;
  readonly blockPrice: string;
}

export interface PercentageChargeDefinition extends ChargeOptionsDefinition {
  readonly model: 'percentage';
  /** A fraction of the cost basis: "0.15" is 15 %. */
  readonly rate: string;
}

export type ChargeDefinition =
  | FlatChargeDefinition
  | PerUnitChargeDefinition
  | TieredChargeDefinition
  | PackageChargeDefinition
  | PercentageChargeDefinition;

export function isChargeModelName(value: unknown): value is ChargeModelName {
  return CHARGE_MODEL_NAMES.some((name) => name === value);
}
