import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { encodeCursor } from '../../../shared/database/keyset-page';
import { badRequest } from '../../../shared/errors/domain-error';
import { minorUnits } from '../../../shared/money/currency';
import { formatDecimal } from '../../../shared/money/decimal';
import { daysBetween } from '../../../shared/time/calendar-day';
import { CustomerBillingZones } from '../../registry/customers/customer-billing-zones';
import { CustomersService } from '../../registry/customers/customers.service';
import {
  compareGroups,
  compareKeys,
  CostGroups,
  groupKey,
  type CostGroup,
  type CostGroupKey,
} from '../domain/cost-grouping';
import { CostCellsSource } from './cost-cells.source';
import { CostReportPage, CostReportQuery, CostReportRow, MAX_REPORT_DAYS } from './cost-report.dto';
import { cursorAfter } from './cost-report.cursor';

interface ReportPlan {
  readonly customers: readonly { id: string; billingTimeZone: string }[];
  readonly by: readonly CostGroupKey[];
  readonly query: CostReportQuery;
}

/**
 * Cost per customer, room, run, notebook, SKU, trigger, day or month: usage from the hourly
 * rollups (split over runs when asked), billed money allocated back from the invoices
 * (CostCellsSource). Rows whose key names a room are complete once that room is read, so a CSV
 * streams room by room in bounded memory; the others are summed to the end.
 */
@Injectable()
export class CostReportService {
  constructor(
    private readonly cells: CostCellsSource,
    private readonly customers: CustomersService,
    private readonly zones: CustomerBillingZones,
  ) {}

  async page(principal: AuthPrincipal, query: CostReportQuery): Promise<CostReportPage> {
    const plan = await this.plan(principal, query);
    const all: CostGroup[] = [];
    for await (const groups of this.groups(plan)) all.push(...groups);
    all.sort(compareGroups);
    const after = query.cursor === undefined ? null : cursorAfter(query.cursor);
    const start =
      after === null ? 0 : all.findIndex((group) => compareKeys(groupKey(group), after) > 0);
    const rows = start < 0 ? [] : all.slice(start, start + query.limit);
    const more = start >= 0 && start + query.limit < all.length;
    return {
      data: rows.map(toRow),
      nextCursor: more ? encodeCursor([JSON.stringify(groupKey(rows[rows.length - 1]))]) : null,
    };
  }

  /** The report's rows in batches: a room's rows once it is read, the rest at the end. */
  async *rows(principal: AuthPrincipal, query: CostReportQuery): AsyncGenerator<CostReportRow[]> {
    const plan = await this.plan(principal, query);
    for await (const groups of this.groups(plan)) yield groups.map(toRow);
  }

  private async *groups(plan: ReportPlan): AsyncGenerator<CostGroup[]> {
    const zoneOf = new Map(
      plan.customers.map((c) => [c.id, plan.query.timeZone ?? c.billingTimeZone]),
    );
    const groups = new CostGroups(plan.by, (cell) => zoneOf.get(cell.customerId) ?? 'UTC');
    // A room's rows are complete once its batch is read only if no other customer can add to
    // them: a room handed over has cells under two customers, and every customer has a batch of
    // money of no room. Without the customer in the key, rows of several customers are complete
    // at the end only (else the same key would be drained twice: duplicate rows).
    const perRoom =
      (plan.by.includes('room') || plan.by.includes('run')) &&
      (plan.by.includes('customer') || plan.customers.length === 1);
    const byRun = plan.by.includes('run') || plan.by.includes('notebook');
    for (const customer of plan.customers) {
      const zone = zoneOf.get(customer.id) ?? customer.billingTimeZone;
      const range = {
        from: midnight(plan.query.from, zone),
        to: midnight(plan.query.to, zone),
        roomId: plan.query.roomId?.toLowerCase(),
        byRun,
      };
      for await (const batch of this.cells.cells(customer, range)) {
        for (const cell of batch.cells) groups.add(cell);
        if (perRoom) yield groups.drain();
      }
    }
    yield groups.drain();
  }

  private async plan(principal: AuthPrincipal, query: CostReportQuery): Promise<ReportPlan> {
    const days = daysBetween(query.from, query.to);
    if (days <= 0 || days > MAX_REPORT_DAYS) {
      throw badRequest(
        'invalid_window',
        `to must be after from, and at most ${MAX_REPORT_DAYS} days after it`,
      );
    }
    const by = [...new Set(query.groupBy.split(',') as CostGroupKey[])];
    const customerId = query.customerId ?? confinedCustomer(principal) ?? undefined;
    const customers =
      customerId === undefined
        ? await this.zones.all()
        : [await this.customers.findVisibleOrThrow(principal, customerId)];
    return {
      customers: customers.map((c) => ({ id: c.id, billingTimeZone: c.billingTimeZone })),
      by,
      query,
    };
  }
}

function midnight(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

function toRow(group: CostGroup): CostReportRow {
  const scale = minorUnits(group.currency);
  return {
    customerId: group.customerId,
    roomId: group.roomId,
    runId: group.runId,
    notebookName: group.notebookName,
    skuName: group.skuName,
    trigger: group.trigger,
    day: group.day,
    month: group.month,
    currency: group.currency,
    partnerDbu: formatDecimal(group.partnerDbu),
    customerDbu: formatDecimal(group.customerDbu),
    listCost: formatDecimal(group.listCost),
    partnerCost: formatDecimal(group.partnerCost),
    billed: formatDecimal(group.billed, scale),
    margin: formatDecimal(group.billed.minus(group.partnerCost)),
    billedFrom: group.billedFrom ?? 'estimate',
  };
}
