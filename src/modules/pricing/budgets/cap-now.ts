import { D, type Dec } from '../../../shared/money/decimal';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { evaluateCap, type ExposureCap, type PartnerExposure } from '../domain/exposure-cap';
import { periodSegments } from '../domain/period-segments';
import type { ExposureCapDefinition } from '../domain/plan-version-terms';
import type { SubscriptionEntry } from '../subscriptions/subscriptions.repository';
import { billedTermsOrThrow } from '../subscriptions/subscriptions.service';

/** The exposure cap a customer is under at an instant, as its budget and the fleet view read it. */
export interface CapNow {
  /** The part of the period under the plan version in effect (null: no plan in effect). */
  readonly segment: { readonly from: Date; readonly to: Date } | null;
  /** Null when no plan is in effect, or the plan in effect has no exposure cap. */
  readonly definition: ExposureCapDefinition | null;
  /** The cap prorated to the segment's share of the period, as on the invoice. */
  readonly cap: ExposureCap | null;
}

/**
 * The cap of the plan version in effect at `now` within `period`, from the customer's plan
 * history (entries starting before the period's end): its amount times the segment's share of
 * the period. Exposure is then counted over the segment.
 */
export function capNow(
  period: BillingPeriod,
  history: readonly SubscriptionEntry[],
  now: Date,
): CapNow {
  const segment = periodSegments(
    period,
    history.map((entry) => ({ effectiveFrom: entry.effectiveFrom, value: entry })),
  ).find((piece) => piece.from <= now && now < piece.to);
  if (!segment) return { segment: null, definition: null, cap: null };
  const range = { from: segment.from, to: segment.to };
  const definition = billedTermsOrThrow(segment.value.terms, segment.value.overrides).exposureCap;
  if (!definition) return { segment: range, definition: null, cap: null };
  return {
    segment: range,
    definition,
    cap: {
      measure: definition.measure,
      amount: new D(definition.amount).times(segment.factor),
      policy: definition.policy,
    },
  };
}

/** Partner exposure against the cap, in percent (used / cap × 100, unrounded), as a budget has it. */
export function capUsePercent(cap: ExposureCap, exposure: PartnerExposure): Dec {
  return evaluateCap(cap, exposure).ratio.times(100);
}
