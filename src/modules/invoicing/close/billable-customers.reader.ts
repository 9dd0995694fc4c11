import { Injectable } from '@nestjs/common';
import { PlanHistoryQueries } from '../../pricing/subscriptions/plan-history-queries';
import {
  CustomerBillingZones,
  type CustomerBillingZone,
} from '../../registry/customers/customer-billing-zones';

/** A customer as a close sees it: the time zone its periods are cut in. */
export type BillableCustomer = CustomerBillingZone;

/** The customers a close walks through, with whether they have ever had a plan. */
@Injectable()
export class BillableCustomersReader {
  constructor(
    private readonly zones: CustomerBillingZones,
    private readonly plans: PlanHistoryQueries,
  ) {}

  /** Every customer, with the time zone its periods are cut in and whether a plan started before `before`. */
  async allCustomers(before: Date): Promise<(BillableCustomer & { hasPlan: boolean })[]> {
    const [customers, planned] = [
      await this.zones.all(),
      await this.plans.customersWithPlanBefore(before),
    ];
    return customers.map((customer) => ({ ...customer, hasPlan: planned.has(customer.id) }));
  }
}
