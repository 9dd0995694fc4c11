import type { FocusConfig } from '../../../config/app-config';
import type { PricedEntry } from '../../pricing/subscriptions/plan-history-queries';
import type { CostCell } from '../domain/cost-cell';
import { focusDateTime, SERVICE_CATEGORY, type FocusRow } from './focus-row';

/** One customer's billing period as the export writes it. */
export interface CustomerPeriod {
  readonly names: FocusConfig;
  readonly customerId: string;
  readonly customerName: string;
  readonly currency: string;
  /** The currency's minor unit: BilledCost's decimals. */
  readonly scale: number;
  /** The issued invoice's period (or, with credit notes only, the calendar month), UTC. */
  readonly periodStart: Date;
  readonly periodEnd: Date;
}

/** What line rows need beyond the period: the invoice and what its lines refer to. */
export interface InvoiceContext extends CustomerPeriod {
  readonly invoiceNumber: string;
  /** Numbers of the invoices that adjustment lines correct, by id. */
  readonly correctedNumbers: ReadonlyMap<string, string>;
  /** The customer's subscription entries: which prices are its own (SkuPriceId). */
  readonly entries: readonly PricedEntry[];
}

/** The room a batch of rows is about. */
export interface RoomContext {
  readonly roomId: string;
  readonly name: string | null;
  /** Notebook etags of the room's runs, by run id. */
  readonly etags: ReadonlyMap<string, string | null>;
  /** The room's cells of the period (usage, split over runs): what a room-level row stands for. */
  readonly cells: readonly CostCell[];
}

/** The columns every row of a customer-period shares; the caller fills the rest. */
export function periodColumns(
  period: CustomerPeriod,
): Pick<
  FocusRow,
  | 'BillingAccountId'
  | 'BillingAccountName'
  | 'BillingCurrency'
  | 'BillingPeriodStart'
  | 'BillingPeriodEnd'
  | 'InvoiceIssuerName'
  | 'ProviderName'
  | 'ServiceCategory'
> {
  return {
    BillingAccountId: period.customerId,
    BillingAccountName: period.customerName,
    BillingCurrency: period.currency,
    BillingPeriodStart: focusDateTime(period.periodStart),
    BillingPeriodEnd: focusDateTime(period.periodEnd),
    InvoiceIssuerName: period.names.providerName,
    ProviderName: period.names.providerName,
    ServiceCategory: SERVICE_CATEGORY,
  };
}
