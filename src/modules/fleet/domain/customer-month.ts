import type { Dec } from '../../../shared/money/decimal';

/** One room's month to date under one customer: usage, and its part of the bill. */
export interface RoomMonth {
  readonly partnerDbu: Dec;
  readonly customerDbu: Dec;
  readonly listCost: Dec;
  readonly partnerCost: Dec;
  /** At the currency's minor unit. */
  readonly billed: Dec;
}

/**
 * A customer's month to date, as of one instant: its current billing period, its usage per room,
 * each room's part of the period's bill and its exposure cap use. Read together, so that a
 * room's margin (billed − partner cost) is of one instant.
 */
export interface CustomerMonth {
  readonly customerId: string;
  readonly period: string;
  readonly currency: string;
  readonly asOf: Date;
  /** `invoice`: the period's issued invoice; `estimate`: its rating to date; `void`: voided. */
  readonly billedFrom: 'invoice' | 'estimate' | 'void';
  /** Rooms the customer used or was billed for in the period (any other: all zero). */
  readonly rooms: ReadonlyMap<string, RoomMonth>;
  /** Null when the plan in effect has no exposure cap. */
  readonly capUse: { readonly measure: 'dbu' | 'cost'; readonly percent: Dec } | null;
}
