import { D, type Dec } from '../../../shared/money/decimal';

/** A bundled plan's cap on the partner's compute exposure per period. */
export interface ExposureCap {
  /** What the cap counts: partner-triggered DBU, or their partner cost. */
  readonly measure: 'dbu' | 'cost';
  readonly amount: Dec;
  readonly policy: 'absorb' | 'overage' | 'block';
  /** Price per DBU beyond the cap (policy `overage`). */
  readonly overagePrice?: Dec;
}

/** The partner-triggered usage of a period (or of the period so far). */
export interface PartnerExposure {
  readonly dbu: Dec;
  readonly cost: Dec;
}

export type BudgetStatus = 'ok' | 'warning' | 'exceeded' | 'blocked';

/** Alert thresholds, in percent of the cap; each fires once per period. */
export const CAP_THRESHOLDS = [50, 80, 100] as const;
export type CapThreshold = (typeof CAP_THRESHOLDS)[number];

export interface CapEvaluation {
  readonly used: Dec;
  readonly cap: Dec;
  /** used / cap (0 for a zero cap with no usage). */
  readonly ratio: Dec;
  /** The part of the usage the subscription covers, and the part beyond the cap, in the cap's measure. */
  readonly withinCap: Dec;
  readonly excess: Dec;
  /** Excess expressed in DBU: what `overage` invoices and `absorb`/`block` show as absorbed. */
  readonly excessDbu: Dec;
  readonly status: BudgetStatus;
  readonly thresholdsReached: readonly CapThreshold[];
}

const WARNING_RATIO = new D('0.8');

/**
 * Where a period stands against the cap. At or beyond the cap the budget is `exceeded`, or
 * `blocked` under the block policy (the run scheduler reads it before starting a run); from 80 %
 * it is `warning`. A cost cap's excess is turned into DBU in proportion (excess cost / cost × DBU),
 * since overage is priced per DBU.
 */
export function evaluateCap(cap: ExposureCap, exposure: PartnerExposure): CapEvaluation {
  const used = cap.measure === 'dbu' ? exposure.dbu : exposure.cost;
  const positiveUse = D.max(used, 0);
  const excess = D.max(positiveUse.minus(cap.amount), 0);
  const withinCap = positiveUse.minus(excess);
  const ratio = cap.amount.isZero()
    ? positiveUse.isZero()
      ? new D(0)
      : new D(1)
    : positiveUse.div(cap.amount);
  const reachedCap = positiveUse.greaterThan(0) && positiveUse.greaterThanOrEqualTo(cap.amount);
  const status: BudgetStatus = reachedCap
    ? cap.policy === 'block'
      ? 'blocked'
      : 'exceeded'
    : ratio.greaterThanOrEqualTo(WARNING_RATIO)
      ? 'warning'
      : 'ok';
  return {
    used,
    cap: cap.amount,
    ratio,
    withinCap,
    excess,
    excessDbu: excessInDbu(cap, exposure, excess),
    status,
    thresholdsReached: CAP_THRESHOLDS.filter((percent) =>
      ratio.times(100).greaterThanOrEqualTo(percent),
    ),
  };
}

function excessInDbu(cap: ExposureCap, exposure: PartnerExposure, excess: Dec): Dec {
  if (excess.isZero()) return new D(0);
  if (cap.measure === 'dbu') return excess;
  return exposure.cost.isZero() ? new D(0) : exposure.dbu.times(excess).div(exposure.cost);
}
