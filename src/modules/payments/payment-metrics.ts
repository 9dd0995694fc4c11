import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { PaymentQueue } from '../invoicing/payment-sync/payment-queue';
import { databaseGauge } from '../operations/database-gauge';
import { MetricsRegistry } from '../operations/metrics-registry';

export type PushedDocument = 'invoice' | 'credit_note';

/**
 * Payments' Prometheus metrics: the outbox backlog (read from the database when scraped, so it
 * counts every replica's work) and this process's failed pushes to the provider.
 */
@Injectable()
export class PaymentMetrics {
  private readonly pushFailures: Counter<'document'>;

  constructor(registry: MetricsRegistry, outbox: PaymentQueue) {
    this.pushFailures = new Counter({
      name: 'billing_payment_push_failures_total',
      help: 'Pushes of an invoice or credit note to the payment provider that failed (each is retried with backoff, then given up)',
      labelNames: ['document'] as const,
      registers: [registry],
    });
    this.pushFailures.inc({ document: 'invoice' }, 0);
    this.pushFailures.inc({ document: 'credit_note' }, 0);
    databaseGauge(registry, {
      name: 'billing_payment_outbox_entries',
      help: 'Payment outbox entries not yet in the provider: pending (due or retrying) or failed (given up), the same on every replica',
      label: 'state',
      values: ['pending', 'failed'],
      read: () => outbox.backlog(),
    });
  }

  pushFailed(document: PushedDocument): void {
    this.pushFailures.inc({ document });
  }
}
