import Stripe from 'stripe';
import { badRequest } from '../../shared/errors/domain-error';
import { minorUnits } from '../../shared/money/currency';
import { D, formatDecimal, type Dec } from '../../shared/money/decimal';
import type { Clock } from '../../shared/time/clock';
import type {
  CreditNoteToPush,
  InvoiceToPush,
  PaymentEvent,
  PaymentProvider,
  PushProgress,
} from './payment-provider.port';
import { toPaymentEvent } from './stripe-webhook-event';
import { WEBHOOK_TOLERANCE_S, withinTolerance } from './webhook-timestamp';

/**
 * Stripe behind the payment port, with the official SDK. Idempotency keys are our ids: the
 * customer's, the invoice's, each line's; Stripe answers a repeated key with the first result.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly enabled = true;
  readonly disabledReason = null;
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string | null,
    apiUrl: string | null,
    private readonly clock: Clock,
  ) {
    const endpoint = apiUrl === null ? null : new URL(apiUrl);
    this.stripe = new Stripe(secretKey, {
      maxNetworkRetries: 2,
      telemetry: false,
      ...(endpoint
        ? {
            host: endpoint.hostname,
            port: endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443),
            protocol: endpoint.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    });
  }

  async push(
    invoice: InvoiceToPush,
    progress: PushProgress,
  ): Promise<{ providerInvoiceId: string }> {
    let customerId = invoice.customer.providerCustomerId;
    if (customerId === null) {
      const customer = await this.stripe.customers.create(
        { name: invoice.customer.name, metadata: { customerId: invoice.customer.id } },
        { idempotencyKey: `customer-${invoice.customer.id}` },
      );
      customerId = customer.id;
      await progress.customerCreated(customerId);
    }
    let stripeInvoiceId = invoice.providerInvoiceId;
    const resumed = stripeInvoiceId !== null;
    if (stripeInvoiceId === null) {
      const created = await this.stripe.invoices.create(
        {
          customer: customerId,
          currency: invoice.currency.toLowerCase(),
          collection_method: 'send_invoice',
          days_until_due: 30,
          auto_advance: false,
          pending_invoice_items_behavior: 'exclude',
          description: `${invoice.number} — ${invoice.periodKey}`,
          metadata: { invoiceId: invoice.invoiceId, number: invoice.number },
        },
        { idempotencyKey: `invoice-${invoice.invoiceId}` },
      );
      stripeInvoiceId = created.id;
      await progress.invoiceCreated(stripeInvoiceId);
    }
    // A push resumed after Stripe forgot its idempotency keys (24 h) must not add items twice.
    const present = resumed ? await this.linesOn(stripeInvoiceId) : new Set<string>();
    for (const line of invoice.lines) {
      if (line.amount.isZero() || present.has(line.id)) continue;
      await this.stripe.invoiceItems.create(
        {
          customer: customerId,
          invoice: stripeInvoiceId,
          currency: invoice.currency.toLowerCase(),
          description: line.description,
          metadata: { invoiceLineId: line.id },
          ...itemAmount(line.amount, invoice.currency),
        },
        { idempotencyKey: `invoice-line-${line.id}` },
      );
    }
    // Resumed after Stripe forgot the key (24 h), a second finalize would be refused.
    const alreadyFinal =
      resumed && (await this.stripe.invoices.retrieve(stripeInvoiceId)).status !== 'draft';
    if (!alreadyFinal) {
      await this.stripe.invoices.finalizeInvoice(
        stripeInvoiceId,
        { auto_advance: false },
        { idempotencyKey: `invoice-finalize-${invoice.invoiceId}` },
      );
    }
    return { providerInvoiceId: stripeInvoiceId };
  }

  async pushCreditNote(note: CreditNoteToPush): Promise<{ providerCreditNoteId: string }> {
    // Stripe takes a credit off what is still due; the rest (of a paid invoice) must go
    // somewhere: to the customer's Stripe balance, for the next invoice.
    const minor = toMinorUnits(note.amount, note.currency);
    const { amount_remaining: due } = await this.stripe.invoices.retrieve(note.providerInvoiceId);
    const beyondDue = BigInt(formatDecimal(minor)) - BigInt(due);
    const created = await this.stripe.creditNotes.create(
      {
        invoice: note.providerInvoiceId,
        ...(beyondDue > 0n ? { credit_amount: safeInteger(beyondDue) } : {}),
        lines: [
          {
            type: 'custom_line_item',
            description: note.reason,
            quantity: 1,
            unit_amount_decimal: Stripe.Decimal.from(formatDecimal(minor)),
          },
        ],
        memo: `${note.number}: ${note.reason}`,
        metadata: { creditNoteId: note.creditNoteId, number: note.number },
      },
      { idempotencyKey: `credit-note-${note.creditNoteId}` },
    );
    return { providerCreditNoteId: created.id };
  }

  private async linesOn(stripeInvoiceId: string): Promise<Set<string>> {
    const present = new Set<string>();
    for await (const item of this.stripe.invoiceItems.list({
      invoice: stripeInvoiceId,
      limit: 100,
    })) {
      const lineId = item.metadata?.invoiceLineId;
      if (lineId) present.add(lineId);
    }
    return present;
  }

  parseWebhook(payload: Buffer, signature: string | undefined): PaymentEvent {
    if (this.webhookSecret === null) {
      throw badRequest(
        'webhooks_not_configured',
        'STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified',
      );
    }
    const header = signature ?? '';
    const now = this.clock.now();
    let body: unknown;
    try {
      body = this.stripe.webhooks.constructEvent(
        payload,
        header,
        this.webhookSecret,
        WEBHOOK_TOLERANCE_S,
        undefined,
        now.getTime(),
      );
    } catch (error) {
      // Past the signature check, the SDK only parses the body; what it refuses there (a v2
      // thin event) is signed, so it is a malformed event, not a bad signature.
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
        throw badRequest('malformed_event', 'The signed body is not a Stripe webhook event');
      }
      throw badRequest(
        'invalid_signature',
        `The Stripe-Signature header does not sign this body, or is older than ${WEBHOOK_TOLERANCE_S} s`,
      );
    }
    if (!withinTolerance(header, now)) {
      throw badRequest(
        'invalid_signature',
        `The Stripe-Signature timestamp is more than ${WEBHOOK_TOLERANCE_S} s from this server's clock`,
      );
    }
    return toPaymentEvent(body);
  }
}

/**
 * A rounded line in the currency's minor unit: a decimal string where Stripe takes one; a
 * negative line (a correction) only as an integer amount, which a rounded amount is exactly.
 */
function itemAmount(
  amount: Dec,
  currency: string,
): { unit_amount_decimal: Stripe.Decimal; quantity: number } | { amount: number } {
  const minor = toMinorUnits(amount, currency);
  if (!minor.isNegative()) {
    return { unit_amount_decimal: Stripe.Decimal.from(formatDecimal(minor)), quantity: 1 };
  }
  return { amount: safeInteger(BigInt(formatDecimal(minor))) };
}

function toMinorUnits(amount: Dec, currency: string): Dec {
  const minor = new D(amount).times(new D(10).pow(minorUnits(currency)));
  if (!minor.isInteger())
    throw new RangeError(`${formatDecimal(amount)} is not rounded to ${currency}'s minor unit`);
  return minor;
}

/** An integer count of minor units, where the SDK takes a number (exact below 2^53). */
function safeInteger(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('Amount too large for Stripe');
  }
  return Number(value);
}
