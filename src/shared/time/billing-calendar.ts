import { Inject, Injectable } from '@nestjs/common';
import {
  billingPeriodContaining,
  billingPeriodFromKey,
  type BillingPeriod,
} from './billing-period';
import { Clock, CLOCK } from './clock';

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
 * zone, now by the injected Clock, so a test that moves the clock moves every period with it.
 */
@Injectable()
export class BillingCalendar {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** The customer's period open now. */
  currentPeriod(customer: BilledCustomer): BillingPeriod {
    return this.periodContaining(customer, this.clock.now());
  }

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
