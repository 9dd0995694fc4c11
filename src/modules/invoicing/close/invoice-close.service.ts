import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { InFlight } from '../../../shared/concurrency/in-flight';
import { DATABASE_TARGET } from '../../../shared/database/database.module';
import { DatabaseTarget } from '../../../shared/database/data-source-options';
import { conflict } from '../../../shared/errors/domain-error';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CustomersService } from '../../registry/customers/customers.service';
import { InvoiceMetrics } from '../invoice-metrics';
import { InvoiceIssuer } from '../issuing/invoice-issuer';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { BillableCustomersReader } from './billable-customers.reader';
import { InvoicesService } from '../invoices/invoices.service';
import type { StoredInvoice } from '../invoices/stored-invoice';
import { errorMessage } from '../../../shared/errors/error-message';
import type { NoInvoiceReason } from '../domain/no-invoice-reason';

const CONCURRENT_CUSTOMERS = 4;

export interface CloseOutcome {
  readonly customerId: string;
  readonly periodKey: string;
  /** The period's invoice (made now or before); null with a reason when there is none. */
  readonly invoice: StoredInvoice | null;
  /**
   * Set when there is no invoice: `no_plan` (no plan in effect in the period and no correction
   * to carry), `not_ended` (the period has not ended in the customer's time zone), `failed`.
   */
  readonly reason?: NoInvoiceReason;
  /** With `failed`: why this customer could not be closed (the others are closed all the same). */
  readonly error?: string;
}

/**
 * Closes customers' periods: one invoice per customer-period, drafted once the period has
 * ended and finalized once its grace for late data has passed too. Safe to run twice or from
 * several replicas at once: a per customer-period advisory lock, then the unique constraint.
 */
@Injectable()
export class InvoiceCloseService {
  private readonly logger = new Logger(InvoiceCloseService.name);

  constructor(
    private readonly repository: InvoicesRepository,
    private readonly billable: BillableCustomersReader,
    private readonly issuer: InvoiceIssuer,
    private readonly invoices: InvoicesService,
    private readonly customers: CustomersService,
    private readonly metrics: InvoiceMetrics,
    private readonly calendar: BillingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  /**
   * `periodKey` ('YYYY-MM') of every customer, or of one customer; past periods too (a customer
   * onboarded with a back-dated plan). Each customer's outcome says why it has no invoice.
   */
  close(periodKey: string, customerId?: string): Promise<CloseOutcome[]> {
    return this.metrics.timeClose('request', () => this.closeNow(periodKey, customerId));
  }

  private async closeNow(periodKey: string, customerId?: string): Promise<CloseOutcome[]> {
    const now = this.clock.now();
    if (customerId !== undefined) {
      const customer = await this.customers.findOrThrow(customerId);
      const period = this.calendar.period(customer, periodKey);
      if (now < period.end) {
        throw conflict(
          'period_not_ended',
          `Period ${periodKey} ends at ${period.end.toISOString()}: it cannot be closed yet`,
        );
      }
      return [await this.closeCustomer(customer.id, period)];
    }
    const outcomes: CloseOutcome[] = [];
    // Customers are independent: a few at once keep both the database and the service busy.
    const inFlight = new InFlight(this.database.embedded ? 1 : CONCURRENT_CUSTOMERS);
    for (const customer of await this.billable.allCustomers(now)) {
      const period = this.calendar.period(customer, periodKey);
      const base = { customerId: customer.id, periodKey: period.key, invoice: null };
      if (now < period.end) {
        outcomes.push({ ...base, reason: 'not_ended' });
        continue;
      }
      // Never a plan, so never an invoice or a correction: nothing to rate.
      if (!customer.hasPlan) {
        outcomes.push({ ...base, reason: 'no_plan' });
        continue;
      }
      await inFlight.add(async () => {
        try {
          outcomes.push(await this.closeCustomer(customer.id, period));
        } catch (error) {
          this.logger.error(
            `closing ${period.key} of customer ${customer.id} failed: ${errorMessage(error)}`,
          );
          outcomes.push({
            customerId: customer.id,
            periodKey: period.key,
            invoice: null,
            reason: 'failed',
            error: errorMessage(error),
          });
        }
      });
    }
    await inFlight.drain();
    return outcomes.sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  }

  /**
   * The scheduled run: every customer's last period whose grace has passed is invoiced and
   * finalized, and any draft left behind (a missed run) is finalized.
   */
  closeDue(): Promise<number> {
    return this.metrics.timeClose('schedule', () => this.closeDueNow());
  }

  private async closeDueNow(): Promise<number> {
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - this.config.invoiceGraceMs);
    let closed = 0;
    const customers = await this.billable.allCustomers(now);
    for (const customer of customers.filter((c) => c.hasPlan)) {
      // The last period whose grace has passed: the one before the period the grace starts in.
      const due = this.calendar.periodBefore(customer, graceStart);
      try {
        if ((await this.closeCustomer(customer.id, due)).invoice) closed++;
      } catch (error) {
        this.logger.error(
          `closing ${due.key} of customer ${customer.id} failed: ${errorMessage(error)}`,
        );
      }
    }
    for (const draft of await this.repository.dueDrafts(graceStart)) {
      try {
        await this.invoices.finalize(draft.id, true);
      } catch (error) {
        this.logger.error(`finalizing invoice ${draft.id} failed: ${errorMessage(error)}`);
      }
    }
    return closed;
  }

  private async closeCustomer(customerId: string, period: BillingPeriod): Promise<CloseOutcome> {
    const base = { customerId, periodKey: period.key };
    const graceOver =
      this.clock.now().getTime() >= period.end.getTime() + this.config.invoiceGraceMs;
    const existing = await this.repository.findForPeriod(customerId, period.key);
    if (existing !== null) {
      if (graceOver && existing.status === 'draft') {
        return { ...base, invoice: (await this.invoices.finalize(existing.id, true)).invoice };
      }
      return { ...base, invoice: existing };
    }
    const invoice = await this.issuer.close(customerId, period, graceOver);
    if (invoice === null) return { ...base, invoice: null, reason: 'no_plan' };
    return { ...base, invoice };
  }
}
