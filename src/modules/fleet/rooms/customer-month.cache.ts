import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { CustomerMonth } from '../domain/customer-month';
import { CustomerMonthSource, type MonthCustomer } from './customer-month.source';

/**
 * Customers' months to date, kept for FLEET_MONTH_MAX_AGE (default 5 minutes, by the injected
 * clock) and answered with the instant they were read (`asOf`). A month to date costs a rating of
 * the period per customer (tens of ms each, seconds for a hundred customers): too slow for a fleet
 * view on every request. A stale or missing entry is read again before answering, all the
 * customers of a request in one batch (set-based usage, caps; one rating each). `0s` reads them on
 * every request. Per replica, in memory: a latency device, never a source of truth.
 */
@Injectable()
export class CustomerMonthCache {
  private readonly entries = new Map<string, CustomerMonth>();

  constructor(
    private readonly source: CustomerMonthSource,
    private readonly calendar: BillingCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async months(
    customers: readonly MonthCustomer[],
    now: Date,
  ): Promise<Map<string, CustomerMonth>> {
    const found = new Map<string, CustomerMonth>();
    const missing: MonthCustomer[] = [];
    for (const customer of customers) {
      const entry = this.entries.get(customer.id);
      if (entry !== undefined && this.fresh(entry, customer, now)) found.set(customer.id, entry);
      else missing.push(customer);
    }
    if (missing.length === 0) return found;
    for (const [id, month] of await this.source.months(missing, now)) {
      this.entries.set(id, month);
      found.set(id, month);
    }
    return found;
  }

  private fresh(entry: CustomerMonth, customer: MonthCustomer, now: Date): boolean {
    return (
      entry.period === this.calendar.periodContaining(customer, now).key &&
      now.getTime() - entry.asOf.getTime() < this.config.fleetMonthMaxAgeMs
    );
  }
}
