import { Injectable } from '@nestjs/common';
import {
  billingPeriodContaining,
  billingPeriodFromKey,
  type BillingPeriod,
} from './billing-period';

/** Whose periods: a customer cuts them in its billing time zone. */
export interface BilledCustomer {
  readonly billingTimeZone: string;
}

/** A document cut for one period, in the zone it was cut in (the customer's may change since). */
export interface PeriodDocument {
  readonly periodKey: string;
  readonly timeZone: string;
}

/**
 * The one answer to "which billing period": calendar months in the customer's billing time
 * zone. Callers pass the instant (the injected Clock's now), and read the clock once for the
 * period and whatever else they date with it.
 */
@Injectable()
export class BillingCalendar {
  /** The customer's period `instant` is in; an instant exactly at a period's end opens the next. */
  periodContaining(customer: BilledCustomer, instant: Date): BillingPeriod {
    return billingPeriodContaining(instant, customer.billingTimeZone);
  }

  /** The customer's period before the one `instant` is in. */
  periodBefore(customer: BilledCustomer, instant: Date): BillingPeriod {
    const open = this.periodContaining(customer, instant);
    return this.periodContaining(customer, new Date(open.start.getTime() - 1));
  }

  /** The customer's period `key` ('YYYY-MM'); throws on any other shape. */
  period(customer: BilledCustomer, key: string): BillingPeriod {
    return billingPeriodFromKey(key, customer.billingTimeZone);
  }

  /** The period an invoice was cut for, as it was cut. */
  periodOf(document: PeriodDocument): BillingPeriod {
    return billingPeriodFromKey(document.periodKey, document.timeZone);
  }
}
