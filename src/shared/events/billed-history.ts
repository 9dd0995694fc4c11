import type { EntityManager } from 'typeorm';

/**
 * Published (and awaited) inside the transaction of a change that would rewrite how a customer's
 * time is billed: a plan put in effect from an instant, a new billing time zone. The invoicing
 * module answers: it takes the customer's invoicing lock in that transaction (so no invoice is
 * issued meanwhile) and refuses the change with 409 `period_invoiced` when an invoice already
 * covers the time it would rewrite. Corrections of invoiced periods go through credit notes and
 * adjustments instead.
 */
export const BILLED_HISTORY_CHANGE = 'billed-history.change';

export interface BilledHistoryChange {
  readonly manager: EntityManager;
  readonly customerId: string;
  /**
   * The change bills differently from this instant on: issued invoices of periods ending after it
   * refuse it. Null: it moves every period (a time zone), so any invoice refuses it, drafts too.
   */
  readonly from: Date | null;
  /** The change, for the refusal's message ("A plan from 2025-09-15T00:00:00.000Z"). */
  readonly what: string;
}
