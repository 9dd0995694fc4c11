import { Inject, Injectable } from '@nestjs/common';
import { conflict } from '../../../shared/errors/domain-error';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CustomersService } from '../../registry/customers/customers.service';
import { InvoiceDrafter } from '../issuing/invoice-drafter';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { InvoicePreviewResponse, UpcomingWithCorrectionsResponse } from './invoice-preview.dto';

/**
 * An invoice before it exists, drafted by the same code a close drafts with (InvoiceDrafter):
 * for a past period nobody invoiced yet, exactly what a close would produce now; for the current
 * one, the period to date.
 */
@Injectable()
export class InvoicePreviewService {
  constructor(
    private readonly customers: CustomersService,
    private readonly drafter: InvoiceDrafter,
    private readonly invoices: InvoicesRepository,
    private readonly calendar: BillingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(customerId: string, periodKey: string): Promise<InvoicePreviewResponse> {
    const customer = await this.customers.findOrThrow(customerId);
    const period = this.calendar.period(customer, periodKey);
    const now = this.clock.now();
    if (now < period.start) {
      throw conflict(
        'period_not_started',
        `Period ${period.key} starts at ${period.start.toISOString()}: there is nothing to preview yet`,
      );
    }
    const existing = await this.invoices.findForPeriod(customer.id, period.key);
    if (existing !== null && existing.status !== 'draft') {
      throw conflict(
        'period_invoiced',
        `Period ${period.key} is invoiced (${existing.number ?? existing.id}, ${existing.status}): ` +
          `see GET /v1/invoices/${existing.id}`,
      );
    }
    const content = await this.drafter.draft(customer.id, period);
    return InvoicePreviewResponse.from(customer.id, period, content, now >= period.end);
  }

  /** The current period to date, with the corrections of earlier periods it would carry. */
  async upcoming(customerId: string): Promise<UpcomingWithCorrectionsResponse> {
    const customer = await this.customers.findOrThrow(customerId);
    const now = this.clock.now();
    const period = this.calendar.periodContaining(customer, now);
    const { rated, content } = await this.drafter.draftRated(customer.id, period);
    return UpcomingWithCorrectionsResponse.fromDraft(rated, content, now);
  }
}
