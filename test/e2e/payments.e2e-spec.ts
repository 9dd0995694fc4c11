import Stripe from 'stripe';
import { PaymentOutboxWorker } from '../../src/modules/payments/payment-outbox.worker';
import { ControllableClock } from '../../src/shared/time/clock';
import { priceSampleSku } from '../support/databricks-fixtures';
import { FakeStripe } from '../support/fake-stripe';
import { loadPricingScenario } from '../support/pricing-scenarios';
import { setUpScenario } from '../support/pricing-world';
import { startTestApp, TestApp } from '../support/test-app';

const WEBHOOK_SECRET = 'whsec_test_secret';

/** Finalized invoices go to Stripe (the official SDK, pointed at a local stand-in) and back. */
describe('payments through Stripe', () => {
  let stripe: FakeStripe;
  let t: TestApp;
  const clock = new ControllableClock(new Date('2034-03-01T00:00:00Z'));
  const signer = new Stripe('sk_test_signer');
  const start = () =>
    startTestApp({
      clock,
      env: {
        STRIPE_SECRET_KEY: 'sk_test_fake',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: stripe.url,
        PAYMENTS_WORKER_INTERVAL: '0s',
      },
    });

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    t = await start();
    await priceSampleSku(t);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  /** A hybrid customer's March 2034 (the scenario moved two years on), finalized on 10 April. */
  async function finalizedInvoice() {
    clock.set(new Date('2034-03-01T00:00:00Z'));
    const world = await setUpScenario(t, loadPricingScenario('hybrid'), { shiftYears: 2 });
    clock.set(new Date('2034-04-10T00:00:00Z'));
    const closed = await t.http
      .post('/v1/invoices/close')
      .set(t.auth())
      .send({ period: '2034-03', customerId: world.customerId })
      .expect(200);
    return closed.body.results[0].invoice as {
      id: string;
      number: string;
      payment: { sync: string };
    };
  }

  const invoice = async (id: string) =>
    (await t.http.get(`/v1/invoices/${id}`).set(t.auth()).expect(200)).body;

  const send = (payload: string, header: string) =>
    t.http
      .post('/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload);
  /** Signed as Stripe signs, at the app's clock unless told otherwise. */
  const sign = (payload: string, at: Date = clock.now()) =>
    signer.webhooks.generateTestHeaderString({
      payload,
      secret: WEBHOOK_SECRET,
      timestamp: Math.floor(at.getTime() / 1000),
    });
  const invoiceEvent = (id: string, type: string, object: Record<string, unknown>) =>
    JSON.stringify({
      id,
      object: 'event',
      type,
      data: { object: { object: 'invoice', ...object } },
    });

  it('creates each Stripe object exactly once, even when the push dies midway and the service restarts', async () => {
    const finalized = await finalizedInvoice();
    expect(finalized.payment.sync).toBe('pending');
    const lines = (await invoice(finalized.id)).lines as { id: string }[];
    // The first push reaches Stripe's finalize and fails there (the SDK retries, then gives up).
    stripe.fail(/\/finalize$/);
    await t.app.get(PaymentOutboxWorker).runOnce();
    expect((await invoice(finalized.id)).payment).toMatchObject({
      sync: 'pending',
      error: expect.stringMatching(/Injected failure/),
    });

    // The service stops and starts again; the retry comes once the backoff has passed.
    await t.close();
    stripe.heal();
    t = await start();
    clock.set(new Date('2034-04-10T00:01:00Z'));
    await t.app.get(PaymentOutboxWorker).runOnce();
    await t.app.get(PaymentOutboxWorker).runOnce();

    const synced = await invoice(finalized.id);
    expect(synced.payment).toMatchObject({ sync: 'synced', error: null });
    const { stripeInvoiceId, stripeCustomerId } = synced.payment;
    const created = stripe.created.filter(
      (object) =>
        object.id === stripeCustomerId ||
        object.id === stripeInvoiceId ||
        object.body.invoice === stripeInvoiceId,
    );
    expect(created.map((object) => object.kind)).toEqual([
      'customer',
      'invoice',
      'invoiceitem',
      'invoiceitem',
      'invoiceitem',
      'finalization',
    ]);
    // Items in the currency's minor unit, as decimal strings: 1200.00, 67.95, 14.00.
    expect(
      created.filter((o) => o.kind === 'invoiceitem').map((o) => o.body.unit_amount_decimal),
    ).toEqual(['120000', '6795', '1400']);
    // Every write to Stripe for this invoice carried a key derived from our ids; retries reused
    // them (the suites share one database, so only this invoice's writes are looked at).
    const keys = new Set([
      `customer-${synced.customerId}`,
      `invoice-${finalized.id}`,
      ...lines.map((line) => `invoice-line-${line.id}`),
      `invoice-finalize-${finalized.id}`,
    ]);
    const writes = stripe.requests.filter(
      (request) =>
        request.method === 'POST' &&
        (keys.has(request.idempotencyKey ?? '') || request.path.includes(stripeInvoiceId)),
    );
    expect(writes.every((request) => request.idempotencyKey !== undefined)).toBe(true);
    expect(new Set(writes.map((request) => request.idempotencyKey))).toEqual(keys);
    expect(writes.length).toBeGreaterThan(6);
  });

  it('pushes a credit note after the invoice it credits, once', async () => {
    const finalized = await finalizedInvoice();
    await t.app.get(PaymentOutboxWorker).runOnce();
    const { stripeInvoiceId } = (await invoice(finalized.id)).payment;
    // Paid in Stripe already: the credit goes to the customer's balance there.
    stripe.markPaid(stripeInvoiceId);
    const note = await t.http
      .post(`/v1/invoices/${finalized.id}/credit-notes`)
      .set(t.auth())
      .send({ amount: '10.05', reason: 'Goodwill' })
      .expect(201);
    expect(note.body.payment).toEqual({ sync: 'pending', error: null, stripeCreditNoteId: null });

    await t.app.get(PaymentOutboxWorker).runOnce();
    await t.app.get(PaymentOutboxWorker).runOnce();
    const notes = await t.http
      .get(`/v1/invoices/${finalized.id}/credit-notes`)
      .set(t.auth())
      .expect(200);
    const stripeCreditNoteId = notes.body[0].payment.stripeCreditNoteId as string;
    expect(notes.body[0].payment).toMatchObject({ sync: 'synced', error: null });
    const created = stripe.created.filter((object) => object.id === stripeCreditNoteId);
    expect(created).toHaveLength(1);
    expect(created[0].body).toMatchObject({
      invoice: stripeInvoiceId,
      'lines[0][unit_amount_decimal]': '1005',
      credit_amount: '1005',
      'metadata[creditNoteId]': note.body.id,
    });
    const writes = stripe.requests.filter(
      (r) => r.idempotencyKey === `credit-note-${note.body.id}`,
    );
    expect(writes.length).toBeGreaterThanOrEqual(1);
  });

  it('moves invoices on signed webhooks, once per event, and refuses a tampered body', async () => {
    const finalized = await finalizedInvoice();
    await t.app.get(PaymentOutboxWorker).runOnce();
    const { stripeInvoiceId } = (await invoice(finalized.id)).payment;
    const event = (id: string, type: string) =>
      invoiceEvent(id, type, { id: stripeInvoiceId, metadata: { invoiceId: finalized.id } });

    const paid = event(`evt_paid_${finalized.id}`, 'invoice.paid');
    const tampered = paid.replace('invoice.paid', 'invoice.voided');
    expect((await send(tampered, sign(paid)).expect(400)).body.code).toBe('invalid_signature');
    expect((await send(paid, sign(paid)).expect(200)).body).toMatchObject({ outcome: 'applied' });
    expect((await invoice(finalized.id)).status).toBe('paid');
    expect((await send(paid, sign(paid)).expect(200)).body).toMatchObject({ outcome: 'duplicate' });

    const unknown = event(`evt_other_${finalized.id}`, 'customer.updated');
    expect((await send(unknown, sign(unknown)).expect(200)).body).toMatchObject({
      outcome: 'ignored',
    });
    // A paid invoice is never voided afterwards.
    const voided = event(`evt_void_${finalized.id}`, 'invoice.voided');
    expect((await send(voided, sign(voided)).expect(200)).body).toMatchObject({
      outcome: 'ignored',
    });
    expect((await invoice(finalized.id)).status).toBe('paid');
  });

  it('refuses a correctly signed body that is not an event with a 400, never a 5xx', async () => {
    // Finalized, not pushed yet: no Stripe id is recorded, only the metadata could name it.
    const finalized = await finalizedInvoice();
    const ours = { metadata: { invoiceId: finalized.id } };
    const paid = { type: 'invoice.paid', object: 'event' };
    const malformed: [string, unknown][] = [
      ['no data', { id: `evt_nodata_${finalized.id}`, ...paid }],
      ['data.object null', { id: `evt_null_${finalized.id}`, ...paid, data: { object: null } }],
      ['no id', { ...paid, data: { object: { id: 'in_x', ...ours } } }],
      ['an array', [{ id: `evt_array_${finalized.id}`, ...paid, data: { object: ours } }]],
      [
        'data.object without id',
        { id: `evt_noid_${finalized.id}`, ...paid, data: { object: ours } },
      ],
    ];
    // Every shape is sent before anything is asserted, so a failure lists them all.
    const answers = [];
    for (const [shape, body] of malformed) {
      const payload = JSON.stringify(body);
      const response = await send(payload, sign(payload));
      const { status, body: problem } = response;
      answers.push({ shape, status, type: response.type, code: problem.code as unknown });
    }
    expect(answers).toEqual(
      malformed.map(([shape]) => ({
        shape,
        status: 400,
        type: 'application/problem+json',
        code: 'malformed_event',
      })),
    );
    // A JSON value that is not an object or an array never reaches the webhook.
    for (const payload of ['"invoice.paid"', '42', 'null']) {
      const response = await send(payload, sign(payload));
      expect({ payload, status: response.status }).toEqual({ payload, status: 400 });
    }
    expect((await invoice(finalized.id)).status).toBe('finalized');
  });

  it('moves only the invoice whose recorded Stripe id the event names, never by metadata', async () => {
    const finalized = await finalizedInvoice();
    const foreign = (eventId: string) =>
      invoiceEvent(eventId, 'invoice.paid', {
        id: `in_foreign_${finalized.id}`,
        metadata: { invoiceId: finalized.id },
      });
    // Before the push (no Stripe id recorded) and after it: someone else's Stripe invoice is
    // acknowledged, so Stripe stops sending it, and ours stays unpaid.
    const before = foreign(`evt_foreign_before_${finalized.id}`);
    expect((await send(before, sign(before)).expect(200)).body).toMatchObject({
      outcome: 'ignored',
    });
    expect((await invoice(finalized.id)).status).toBe('finalized');
    await t.app.get(PaymentOutboxWorker).runOnce();
    const after = foreign(`evt_foreign_after_${finalized.id}`);
    expect((await send(after, sign(after)).expect(200)).body).toMatchObject({
      outcome: 'ignored',
    });
    expect((await invoice(finalized.id)).status).toBe('finalized');

    const { stripeInvoiceId } = (await invoice(finalized.id)).payment;
    const genuine = invoiceEvent(`evt_genuine_${finalized.id}`, 'invoice.paid', {
      id: stripeInvoiceId,
    });
    expect((await send(genuine, sign(genuine)).expect(200)).body).toMatchObject({
      outcome: 'applied',
    });
    expect((await invoice(finalized.id)).status).toBe('paid');
  });

  it('holds the signature timestamp to 300 s of the clock, ahead as well as behind', async () => {
    const finalized = await finalizedInvoice();
    await t.app.get(PaymentOutboxWorker).runOnce();
    const { stripeInvoiceId } = (await invoice(finalized.id)).payment;
    const paid = invoiceEvent(`evt_time_${finalized.id}`, 'invoice.paid', { id: stripeInvoiceId });
    const at = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);

    const offsets = [301, 3600 * 24 * 365, -301];
    const answers = [];
    for (const seconds of offsets) {
      const response = await send(paid, sign(paid, at(seconds)));
      answers.push({ seconds, status: response.status, code: response.body.code as unknown });
    }
    expect(answers).toEqual(
      offsets.map((seconds) => ({ seconds, status: 400, code: 'invalid_signature' })),
    );
    expect((await invoice(finalized.id)).status).toBe('finalized');
    // The refusals recorded nothing: the same event, signed in time, still counts.
    expect((await send(paid, sign(paid, at(299))).expect(200)).body).toMatchObject({
      outcome: 'applied',
    });
    expect((await invoice(finalized.id)).status).toBe('paid');
  });
});

describe('payments without STRIPE_SECRET_KEY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('says so clearly instead of half-working', async () => {
    const response = await t.http
      .post('/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send('{}')
      .expect(503);
    expect(response.body).toMatchObject({
      code: 'payments_disabled',
      detail: expect.stringMatching(/STRIPE_SECRET_KEY/),
    });
  });
});
