import { Injectable } from '@nestjs/common';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { capNow, type CapNow } from './cap-now';

export interface CustomerCapNow extends CapNow {
  readonly customerId: string;
  /** The customer's billing period that holds the instant asked about. */
  readonly period: BillingPeriod;
}

/**
 * Pricing's reader of the exposure caps customers are under now, for many customers at once
 * (the fleet view): one statement reads every plan history, and each cap is the one a customer's
 * budget shows (capNow, shared with BudgetsService).
 */
@Injectable()
export class CapsNowReader {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly calendar: BillingCalendar,
  ) {}

  async capsAt(
    customers: readonly { readonly id: string; readonly billingTimeZone: string }[],
    now: Date,
  ): Promise<Map<string, CustomerCapNow>> {
    const periods = new Map(
      customers.map((customer) => [customer.id, this.calendar.periodContaining(customer, now)]),
    );
    if (periods.size === 0) return new Map();
    const latestEnd = new Date(Math.max(...[...periods.values()].map((p) => p.end.getTime())));
    const histories = await this.subscriptions.histories([...periods.keys()], latestEnd);
    const caps = new Map<string, CustomerCapNow>();
    for (const [customerId, period] of periods) {
      const history = (histories.get(customerId) ?? []).filter(
        (entry) => entry.effectiveFrom < period.end,
      );
      caps.set(customerId, { customerId, period, ...capNow(period, history, now) });
    }
    return caps;
  }
}
