/**
 * What a charge counts (README, "Pricing: plans, subscriptions, budgets, quotes"). `partner_list_cost` is the list cost of
 * partner-triggered runs: pass-through plans re-bill those runs "at list cost", which the
 * partner cost (after the partner's own Databricks discount) is not.
 */
export const CHARGE_BASES = [
  'subscription',
  'room',
  'partner_dbu',
  'customer_dbu',
  'partner_cost',
  'partner_list_cost',
  'partner_run',
] as const;

export type ChargeBasis = (typeof CHARGE_BASES)[number];

export function isChargeBasis(value: unknown): value is ChargeBasis {
  return CHARGE_BASES.some((basis) => basis === value);
}

/** Fees per period (one subscription, or per active room): prorated for a segment. */
export function isPeriodFeeBasis(basis: ChargeBasis): boolean {
  return basis === 'subscription' || basis === 'room';
}

/** Bases that are amounts of money, the only ones a `percentage` charge can apply to. */
export function isCostBasis(basis: ChargeBasis): boolean {
  return basis === 'partner_cost' || basis === 'partner_list_cost';
}
