import type { InvoiceLineDraft } from '../../invoicing/domain/invoice-line';
import type { Trigger } from '../domain/cost-cell';
import type { ChargeCategory, ChargeFrequency } from './focus-row';

/**
 * What a line is in FOCUS terms (docs/focus.md §3 and §5): a period fee (`subscription`), a
 * per-room fee (`room`), a per-run fee (`run`), a usage charge on DBU or compute cost (`usage`),
 * DBU beyond the exposure cap (`overage`), or a correction of a finalized period (`correction`).
 */
export type FocusChargeKind = 'subscription' | 'room' | 'run' | 'usage' | 'overage' | 'correction';

export type FocusLine = Pick<InvoiceLineDraft, 'kind' | 'basis'>;

export function chargeKindOf(line: FocusLine): FocusChargeKind {
  if (line.kind === 'adjustment') return 'correction';
  if (line.kind === 'overage') return 'overage';
  if (line.basis === 'subscription') return 'subscription';
  if (line.basis === 'room') return 'room';
  if (line.basis === 'partner_run') return 'run';
  return 'usage';
}

const CATEGORY: Record<FocusChargeKind, ChargeCategory> = {
  subscription: 'Purchase',
  room: 'Purchase',
  run: 'Usage',
  usage: 'Usage',
  overage: 'Usage',
  correction: 'Adjustment',
};

const FREQUENCY: Record<FocusChargeKind, ChargeFrequency> = {
  subscription: 'Recurring',
  room: 'Recurring',
  run: 'Usage-Based',
  usage: 'Usage-Based',
  overage: 'Usage-Based',
  correction: 'One-Time',
};

const PRICING_UNIT: Record<FocusChargeKind, string | null> = {
  subscription: 'Subscriptions',
  room: 'Rooms',
  run: 'Runs',
  usage: 'DBU',
  overage: 'DBU',
  correction: null,
};

export function categoryOf(kind: FocusChargeKind): ChargeCategory {
  return CATEGORY[kind];
}

export function frequencyOf(kind: FocusChargeKind): ChargeFrequency {
  return FREQUENCY[kind];
}

export function pricingUnitOf(kind: FocusChargeKind): string | null {
  return PRICING_UNIT[kind];
}

/** Bases that re-bill compute the partner ran on Databricks (§2: published by Databricks). */
const DATABRICKS_BASES = new Set(['partner_dbu', 'partner_cost', 'partner_list_cost']);

/** Whether the line re-bills compute the partner ran on Databricks: overage, partner DBU or cost. */
export function publishedByDatabricks(line: FocusLine): boolean {
  const kind = chargeKindOf(line);
  return kind === 'overage' || (kind === 'usage' && DATABRICKS_BASES.has(line.basis));
}

/** Who triggered the usage a basis counts (`customer_dbu`: the customer; `partner_*`: the partner). */
export function triggerOfBasis(basis: string): Trigger | null {
  if (basis === 'customer_dbu') return 'customer';
  return basis.startsWith('partner_') ? 'partner' : null;
}

const METERS: Record<string, string> = {
  subscription: 'Subscription',
  room: 'Active Clean Rooms',
  partner_dbu: 'Partner-Triggered DBU',
  customer_dbu: 'Customer-Triggered DBU',
  partner_list_cost: 'Partner-Triggered Compute (List Cost)',
  partner_cost: 'Partner-Triggered Compute (Cost-Plus)',
  partner_run: 'Partner-Triggered Runs',
};

/** SkuMeter: what the line's basis meters; null on corrections. */
export function skuMeterOf(line: FocusLine): string | null {
  const kind = chargeKindOf(line);
  if (kind === 'correction') return null;
  if (kind === 'overage') return 'DBU Beyond Exposure Cap';
  return METERS[line.basis] ?? line.basis;
}
