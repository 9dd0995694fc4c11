import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock, CLOCK } from '../../shared/time/clock';
import { PaymentQueue, type OutboxEntry } from '../invoicing/payment-sync/payment-queue';
import { DocumentsToPush } from './documents-to-push';
import { PaymentMetrics } from './payment-metrics';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';
import { PushProgressRecorder } from './push-progress-recorder';
import { repeatEvery } from '../../shared/concurrency/repeat-every';
import { errorMessage } from '../../shared/errors/error-message';

const BATCH = 20;

/** Pushed (with the provider's id), or not yet possible (credit notes follow their invoice). */
type PushOutcome =
  | { readonly kind: 'pushed'; readonly providerId: string }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'orphaned' };
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

/**
 * Pushes finalized invoices to the payment provider from the outbox: at least once, and never
 * twice in effect, since every write carries an idempotency key and each Stripe id is recorded
 * as soon as it exists. Failures are retried with exponential backoff, then marked failed.
 */
@Injectable()
export class PaymentOutboxWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(PaymentOutboxWorker.name);

  constructor(
    private readonly outbox: PaymentQueue,
    private readonly documents: DocumentsToPush,
    private readonly progress: PushProgressRecorder,
    private readonly metrics: PaymentMetrics,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly registry: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.provider.enabled) {
      this.logger.warn(`Payments disabled: ${this.provider.disabledReason ?? ''}`);
      return;
    }
    repeatEvery(this.registry, 'payment-outbox', this.config.paymentsWorkerIntervalMs, () =>
      this.runOnce(),
    );
  }

  /** One pass over the due entries; resolves to how many were pushed. */
  async runOnce(): Promise<number> {
    if (!this.provider.enabled) return 0;
    const now = this.clock.now();
    const entries = await this.outbox.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
    let pushed = 0;
    for (const entry of entries) {
      if (await this.push(entry)) pushed++;
    }
    return pushed;
  }

  private async push(entry: OutboxEntry): Promise<boolean> {
    try {
      const outcome =
        entry.creditNoteId === null
          ? await this.pushInvoice(entry.invoiceId)
          : await this.pushCreditNote(entry.creditNoteId);
      if (outcome.kind === 'waiting') {
        // The credited invoice is not in Stripe yet: wait for it without spending an attempt.
        await this.outbox.failed(
          entry,
          'Waiting for the credited invoice to reach Stripe',
          new Date(this.clock.now().getTime() + FIRST_RETRY_MS),
          false,
        );
        return false;
      }
      if (outcome.kind === 'orphaned') {
        await this.outbox.failed(entry, 'The credited invoice could not be pushed to Stripe', null);
        return false;
      }
      return await this.outbox.done(entry, this.clock.now(), outcome.providerId);
    } catch (error) {
      this.metrics.pushFailed(entry.creditNoteId === null ? 'invoice' : 'credit_note');
      const message = errorMessage(error);
      const giveUp = entry.attempts >= MAX_ATTEMPTS;
      const delay = Math.min(FIRST_RETRY_MS * 2 ** (entry.attempts - 1), MAX_RETRY_MS);
      await this.outbox.failed(
        entry,
        message,
        giveUp ? null : new Date(this.clock.now().getTime() + delay),
      );
      this.logger.warn(
        `pushing ${entry.creditNoteId === null ? 'invoice' : 'credit note'} ${entry.creditNoteId ?? entry.invoiceId} failed (attempt ${entry.attempts}): ${message}`,
      );
      return false;
    }
  }

  private async pushInvoice(invoiceId: string): Promise<PushOutcome> {
    const invoice = await this.documents.invoice(invoiceId);
    const pushed = await this.provider.push(invoice, this.progress.of(invoice));
    return { kind: 'pushed', providerId: pushed.providerInvoiceId };
  }

  private async pushCreditNote(creditNoteId: string): Promise<PushOutcome> {
    const note = await this.documents.creditNote(creditNoteId);
    if (note === 'waiting' || note === 'orphaned') return { kind: note };
    return {
      kind: 'pushed',
      providerId: (await this.provider.pushCreditNote(note)).providerCreditNoteId,
    };
  }
}
