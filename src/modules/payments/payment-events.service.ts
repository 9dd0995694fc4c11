import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../../shared/time/clock';
import { canMove, type InvoiceStatus } from '../invoicing/domain/invoice-status';
import { InvoicesRepository } from '../invoicing/invoices/invoices.repository';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';

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
    private readonly invoices: InvoicesRepository,
  ) {}

  async receive(payload: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const event = this.provider.parseWebhook(payload, signature);
    const base = { eventId: event.id, type: event.type };
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO stripe_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, event.type],
      );
      if (fresh.length === 0) return { ...base, outcome: 'duplicate' as const };
      const change = event.change;
      if (!change) return { ...base, outcome: 'ignored' as const };
      // The Stripe id, which we recorded; the invoice id of its metadata only when it is not known.
      const [found]: { id: string; customer_id: string }[] = await manager.query(
        `SELECT id, customer_id FROM invoices
         WHERE stripe_invoice_id = $1
            OR (stripe_invoice_id IS NULL AND $2::uuid IS NOT NULL AND id = $2::uuid)
         ORDER BY stripe_invoice_id NULLS LAST LIMIT 1`,
        [change.providerInvoiceId, isUuid(change.invoiceId) ? change.invoiceId : null],
      );
      if (found) await this.invoices.lockCustomer(manager, found.customer_id);
      // Under the customer's lock, as corrections and credit notes are issued: a void never
      // slips in between a correction's check and its credit note.
      const [invoice]: { id: string; status: InvoiceStatus }[] = found
        ? await manager.query(`SELECT id, status FROM invoices WHERE id = $1 FOR NO KEY UPDATE`, [
            found.id,
          ])
        : [];
      if (!invoice || !canMove(invoice.status, change.status)) {
        this.logger.warn(`${event.type} ${event.id}: no invoice to move to ${change.status}`);
        return { ...base, outcome: 'ignored' as const };
      }
      await manager.query(`UPDATE invoices SET status = $2, status_changed_at = $3 WHERE id = $1`, [
        invoice.id,
        change.status,
        this.clock.now(),
      ]);
      return { ...base, outcome: 'applied' as const };
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string | null): value is string => value !== null && UUID.test(value);
