import { badRequest, type DomainError } from '../../shared/errors/domain-error';
import type { PaymentEvent } from './payment-provider.port';

// A Map, not an object literal: a `type` of "constructor" must not find Object's own members.
const STATUS_OF_EVENT = new Map<string, 'paid' | 'void' | 'uncollectible'>([
  ['invoice.paid', 'paid'],
  ['invoice.voided', 'void'],
  ['invoice.marked_uncollectible', 'uncollectible'],
]);

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * A verified Stripe event body as the payment port sees it. A correctly signed body that is not
 * a Stripe event — an array, an event without `id` or `type`, without a `data.object`, or an
 * invoice event whose object has no `id` — is the sender's fault: a 400 `malformed_event`,
 * never a 500 that Stripe would retry for days. `metadata` is not read: only the Stripe invoice
 * id we recorded at push time says which of our invoices an event is about.
 */
export function toPaymentEvent(body: unknown): PaymentEvent {
  if (!isObject(body)) throw malformed('the body is not a JSON object');
  const { id, type, data } = body;
  if (!isId(id)) throw malformed('`id` is not a non-empty string');
  if (!isId(type)) throw malformed('`type` is not a non-empty string');
  if (!isObject(data) || !isObject(data.object)) throw malformed('`data.object` is not an object');
  const status = STATUS_OF_EVENT.get(type);
  if (status === undefined) return { id, type, change: null };
  const providerInvoiceId = data.object.id;
  if (!isId(providerInvoiceId)) {
    throw malformed(`\`data.object.id\` of ${type} is not a non-empty string`);
  }
  return { id, type, change: { providerInvoiceId, status } };
}

function malformed(why: string): DomainError {
  return badRequest('malformed_event', `The signed body is not a Stripe event: ${why}`);
}
