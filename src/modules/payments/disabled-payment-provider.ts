import { DomainError } from '../../shared/errors/domain-error';
import type { PaymentEvent, PaymentProvider } from './payment-provider.port';

/** Payments off (no STRIPE_SECRET_KEY): a whole provider that answers every call with why. */
export class DisabledPaymentProvider implements PaymentProvider {
  readonly enabled = false;

  constructor(readonly disabledReason: string) {}

  push(): Promise<never> {
    return Promise.reject(this.error());
  }

  pushCreditNote(): Promise<never> {
    return Promise.reject(this.error());
  }

  parseWebhook(): PaymentEvent {
    throw this.error();
  }

  private error(): DomainError {
    return new DomainError('payments_disabled', this.disabledReason);
  }
}
