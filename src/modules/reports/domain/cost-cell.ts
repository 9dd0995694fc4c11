import type { Dec } from '../../../shared/money/decimal';

export type Trigger = 'partner' | 'customer';

/**
 * The finest grain of the cost report: one hour of one customer's usage of one SKU in one room,
 * by trigger, or its share of one run. Cells that carry only billed money (period fees, charges
 * of a room whose usage cannot carry them, corrections) have no SKU or trigger, and no room when
 * the money is the customer's as a whole.
 */
export interface CostCell {
  readonly customerId: string;
  readonly currency: string;
  readonly roomId: string | null;
  /** Null: usage in no run (or a cell of money only). */
  readonly runId: string | null;
  readonly notebookName: string | null;
  readonly skuName: string | null;
  readonly trigger: Trigger | null;
  /** The hour the usage started in; for money only, the instant it is dated at. */
  readonly at: Date;
  readonly dbu: Dec;
  readonly listCost: Dec;
  readonly partnerCost: Dec;
  /** At the currency's minor unit; filled by billed allocation. */
  readonly billed: Dec;
  /** Whether the billed money comes from an issued invoice or the rating of the period to date. */
  readonly billedFrom: BilledFrom;
}

export type BilledFrom = 'invoice' | 'estimate';
