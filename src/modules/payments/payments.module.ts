import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock, CLOCK } from '../../shared/time/clock';
import { InvoicingModule } from '../invoicing/invoicing.module';
import { RegistryModule } from '../registry/registry.module';
import { DisabledPaymentProvider } from './disabled-payment-provider';
import { DocumentsToPush } from './documents-to-push';
import { PaymentEventsService } from './payment-events.service';
import { PaymentMetrics } from './payment-metrics';
import { PaymentOutboxWorker } from './payment-outbox.worker';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';
import { PushProgressRecorder } from './push-progress-recorder';
import { StripeEventsRepository } from './stripe-events.repository';
import { StripePaymentProvider } from './stripe-payment-provider';
import { StripeWebhooksController } from './stripe-webhooks.controller';

/** Stripe behind a port: the outbox worker that pushes finalized invoices, and the webhooks. */
@Module({
  imports: [InvoicingModule, RegistryModule],
  controllers: [StripeWebhooksController],
  providers: [
    {
      provide: PAYMENT_PROVIDER,
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: AppConfig, clock: Clock): PaymentProvider =>
        config.stripe.secretKey === null
          ? new DisabledPaymentProvider(
              'STRIPE_SECRET_KEY is not set: invoices are finalized and numbered but not pushed to Stripe',
            )
          : new StripePaymentProvider(
              config.stripe.secretKey,
              config.stripe.webhookSecret,
              config.stripe.apiUrl,
              clock,
            ),
    },
    DocumentsToPush,
    PushProgressRecorder,
    PaymentOutboxWorker,
    PaymentMetrics,
    PaymentEventsService,
    StripeEventsRepository,
  ],
  exports: [PaymentOutboxWorker],
})
export class PaymentsModule {}
