import type { ChargeBasis } from './charge-basis';
import type { ChargeDefinition } from './charge-definition';

export const PRICING_MODELS = ['pass_through', 'bundled', 'hybrid', 'custom'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** One charge of a plan version: what it counts (basis) and how it is priced. */
export interface PlanCharge {
  /** Stable within the version (`subscription`, `managed_runs`): overrides and lines name it. */
  readonly key: string;
  readonly description: string;
  readonly basis: ChargeBasis;
  readonly pricing: ChargeDefinition;
}

export const CAP_MEASURES = ['dbu', 'cost'] as const;
export const CAP_POLICIES = ['absorb', 'overage', 'block'] as const;

/** A bundled version's cap on the partner's compute exposure per period (decimal strings). */
export interface ExposureCapDefinition {
  readonly measure: (typeof CAP_MEASURES)[number];
  readonly amount: string;
  readonly policy: (typeof CAP_POLICIES)[number];
  /** Price per DBU beyond the cap; required by, and only allowed with, policy `overage`. */
  readonly overagePrice?: string;
}

/** What a plan version bills: its charges and, for bundled, its exposure cap. Immutable once stored. */
export interface PlanVersionTerms {
  readonly model: PricingModel;
  readonly currency: string;
  readonly charges: readonly PlanCharge[];
  readonly exposureCap: ExposureCapDefinition | null;
}
