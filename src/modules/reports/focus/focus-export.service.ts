import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { DomainError } from '../../../shared/errors/domain-error';
import { minorUnits } from '../../../shared/money/currency';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import {
  PeriodDocumentsReader,
  type PeriodCreditNote,
  type PeriodInvoice,
} from '../../invoicing/queries/period-documents.reader';
import { PlanHistoryQueries } from '../../pricing/subscriptions/plan-history-queries';
import { CustomersService } from '../../registry/customers/customers.service';
import { CostCellsSource } from '../costs/cost-cells.source';
import type { CustomerPeriod } from './focus-context';
import { creditNoteRow } from './focus-credit-row';
import { FocusRoomRows } from './focus-room-rows';
import type { FocusRow } from './focus-row';

/** One customer's share of the file: its issued invoice of the period, its credit notes. */
export interface FocusExportItem {
  readonly customer: { readonly id: string; readonly billingTimeZone: string };
  readonly period: CustomerPeriod;
  /** Null when the period's invoice bills nothing exportable (none issued, or void). */
  readonly invoice: (PeriodInvoice & { readonly number: string }) | null;
  readonly credits: readonly PeriodCreditNote[];
}

/** Invoices whose lines are exported: issued and not voided. */
const BILLING_STATUSES = new Set(['finalized', 'paid', 'uncollectible']);

/**
 * GET /v1/reports/focus: a billing period's issued invoices and credit notes as FOCUS 1.2 rows
 * (docs/focus.md). The plan is settled first, so a period with nothing issued answers 404 before
 * any byte is written; rows then come customer by customer, room by room (bounded memory).
 */
@Injectable()
export class FocusExportService {
  constructor(
    private readonly customers: CustomersService,
    private readonly documents: PeriodDocumentsReader,
    private readonly plans: PlanHistoryQueries,
    private readonly cells: CostCellsSource,
    private readonly roomRows: FocusRoomRows,
    private readonly calendar: BillingCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(
    principal: AuthPrincipal,
    query: { period: string; customerId?: string },
  ): Promise<FocusExportItem[]> {
    const customerId = query.customerId ?? confinedCustomer(principal) ?? undefined;
    const ids =
      customerId === undefined
        ? await this.documents.customersWithDocuments(query.period)
        : [(await this.customers.findVisibleOrThrow(principal, customerId)).id];
    const items: FocusExportItem[] = [];
    for (const id of ids) {
      const item = await this.itemOf(id, query.period);
      if (item !== null) items.push(item);
    }
    if (items.length === 0) {
      const whose = customerId === undefined ? 'No customer has' : `Customer ${customerId} has`;
      throw new DomainError(
        'period_not_invoiced',
        `${whose} an issued invoice or a credit note for ${query.period}`,
      );
    }
    return items;
  }

  async *rows(items: readonly FocusExportItem[]): AsyncGenerator<FocusRow[]> {
    for (const item of items) {
      if (item.invoice !== null) yield* this.invoiceRows(item, item.invoice);
      if (item.credits.length > 0) {
        yield item.credits.map((note) => creditNoteRow(item.period, note));
      }
    }
  }

  /** The invoice's lines, room by room, then the lines of the customer as a whole. */
  private async *invoiceRows(
    item: FocusExportItem,
    invoice: PeriodInvoice & { readonly number: string },
  ): AsyncGenerator<FocusRow[]> {
    const context = {
      ...item.period,
      invoiceNumber: invoice.number,
      correctedNumbers: new Map<string, string>(),
      entries: await this.plans.pricedEntries(item.customer.id),
    };
    const range = { from: invoice.periodStart, to: invoice.periodEnd, byRun: true };
    for await (const batch of this.cells.cells(item.customer, range)) {
      const rows = await this.roomRows.rows(context, invoice, batch);
      if (rows.length > 0) yield rows;
    }
  }

  /** The customer's documents of the period, or null when it has none to export. */
  private async itemOf(customerId: string, periodKey: string): Promise<FocusExportItem | null> {
    const customer = await this.customers.findOrThrow(customerId);
    const invoice = await this.documents.issuedInvoice(customerId, periodKey);
    const month = this.calendar.period(customer, periodKey);
    const start = invoice?.periodStart ?? month.start;
    const end = invoice?.periodEnd ?? month.end;
    const credits = await this.documents.creditNotes(customerId, invoice?.id ?? null, start, end);
    const billing =
      invoice !== null && invoice.number !== null && BILLING_STATUSES.has(invoice.status)
        ? { ...invoice, number: invoice.number }
        : null;
    if (billing === null && credits.length === 0) return null;
    const currency = billing?.currency ?? credits[0].currency;
    return {
      customer: { id: customer.id, billingTimeZone: customer.billingTimeZone },
      period: {
        names: this.config.focus,
        customerId: customer.id,
        customerName: customer.name,
        currency,
        scale: minorUnits(currency),
        periodStart: start,
        periodEnd: end,
      },
      invoice: billing,
      credits,
    };
  }
}
