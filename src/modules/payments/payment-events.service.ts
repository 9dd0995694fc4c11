import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../../shared/time/clock';
import { canMove } from '../invoicing/domain/invoice-status';
import { InvoicingLock } from '../invoicing/issuing/invoicing-lock';
import { ProviderStatusRecorder } from '../invoicing/payment-sync/provider-status-recorder';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';
import { StripeEventsRepository } from './stripe-events.repository';

export interface WebhookOutcome {
  readonly eventId: string;
  readonly type: string;
  readonly outcome: 'applied' | 'duplicate' | 'ignored';
}

/** Verified provider events move invoices to paid, void or uncollectible; each event counts once. */
@Injectable()
export class PaymentEventsService {
  private readonly logger = new Logger(PaymentEventsService.name);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly invoicingLock: InvoicingLock,
    private readonly events: StripeEventsRepository,
    private readonly invoices: ProviderStatusRecorder,
  ) {}

  async receive(payload: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const event = this.provider.parseWebhook(payload, signature);
    const base = { eventId: event.id, type: event.type };
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.events.firstSighting(manager, event.id, event.type))) {
        return { ...base, outcome: 'duplicate' as const };
      }
      const change = event.change;
      if (!change) return { ...base, outcome: 'ignored' as const };
      // An invoice we never pushed cannot be paid in Stripe (its id is recorded before it is
      // finalized there): an unknown id is someone else's invoice, acknowledged so Stripe
      // stops sending it, and changes nothing.
      const found = await this.invoices.findInvoice(manager, change.providerInvoiceId);
      // Under the customer's lock, as corrections and credit notes are issued: a void never
      // slips in between a correction's check and its credit note.
      if (found) await this.invoicingLock.lockCustomer(manager, found.customerId);
      const status = found ? await this.invoices.lockedStatus(manager, found.id) : null;
      if (!found || status === null || !canMove(status, change.status)) {
        this.logger.warn(
          found
            ? `${event.type} ${event.id}: invoice ${found.id} cannot move to ${change.status}`
            : `${event.type} ${event.id}: Stripe invoice ${change.providerInvoiceId} is none of ours, ignored`,
        );
        return { ...base, outcome: 'ignored' as const };
      }
      await this.invoices.setStatus(manager, found.id, change.status, this.clock.now());
      return { ...base, outcome: 'applied' as const };
    });
  }
}
