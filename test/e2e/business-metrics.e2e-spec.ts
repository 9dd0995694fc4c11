import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PaymentQueue } from '../../src/modules/invoicing/payment-sync/payment-queue';
import { PaymentOutboxWorker } from '../../src/modules/payments/payment-outbox.worker';
import { ImportsRepository } from '../../src/modules/usage/imports/imports.repository';
import { ControllableClock } from '../../src/shared/time/clock';
import {
  importCsv,
  priceSampleSku,
  runEvent,
  SAMPLE_SKU,
  usageRow,
} from '../support/databricks-fixtures';
import { createCustomer, createRoom, registerIdentity, uniqueTag } from '../support/factories';
import { FakeStripe } from '../support/fake-stripe';
import { loadPricingScenario } from '../support/pricing-scenarios';
import { setUpScenario } from '../support/pricing-world';
import { increase, sample } from '../support/prometheus-text';
import { startTestApp, TestApp } from '../support/test-app';

const OUTCOMES = [
  'accepted',
  'updated',
  'duplicate',
  'conflict',
  'quarantined',
  'excluded',
  'rejected',
] as const;

const CSV_HEADER =
  'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';

/**
 * The business metrics, scraped over HTTP. Counters are this app's own (a registry per app
 * instance), so their increments are exact even while other suites run; gauges read the shared
 * database, so they are checked against it. This file's usage and invoices are in 2036 and 2037,
 * years no other suite bills.
 */
describe('business metrics in /metrics', () => {
  const clock = new ControllableClock(new Date('2036-03-01T00:00:00Z'));
  let stripe: FakeStripe;
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    t = await startTestApp({
      clock,
      env: { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_API_URL: stripe.url },
    });
    dataSource = t.app.get(DataSource);
    await priceSampleSku(t);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    stripe.heal();
  });

  // Public today, as the health checks (issue 19 puts it behind a key).
  const scrape = async () => (await t.http.get('/metrics').expect(200)).text;
  const ingested = (before: string, after: string, kind: string) =>
    Object.fromEntries(
      OUTCOMES.map((outcome) => [
        outcome,
        increase(before, after, 'billing_ingested_records_total', { kind, outcome }),
      ]),
    );

  /**
   * A gauge read from the database, scraped between two equal counts of what it reports: other
   * suites change the same tables meanwhile, and a count that moved is read again.
   */
  async function gaugeAgainstDatabase(
    name: string,
    labels: Record<string, string>,
    count: () => Promise<number>,
  ): Promise<{ scraped: number | undefined; counted: number }> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const counted = await count();
      const scraped = sample(await scrape(), name, labels);
      if ((await count()) === counted) return { scraped, counted };
    }
    throw new Error(`${name}: what it counts kept changing`);
  }

  it('counts records by export kind and outcome, and quarantined ones by reason, from JSON requests and CSV imports', async () => {
    const customer = await createCustomer(t);
    const other = await createCustomer(t);
    const room = (await createRoom(t, customer.id, { ownerSince: '2036-01-01T00:00:00Z' })).id;
    const laterRoom = (await createRoom(t, customer.id, { ownerSince: '2036-02-15T00:00:00Z' })).id;
    const partner = randomUUID();
    const othersAccount = randomUUID();
    await registerIdentity(t, { kind: 'account', value: partner, party: 'partner' });
    await registerIdentity(t, {
      kind: 'account',
      value: othersAccount,
      party: 'customer',
      customerId: other.id,
    });
    const row = (overrides: Record<string, unknown> = {}) =>
      usageRow({
        record_id: randomUUID(),
        account_id: partner,
        usage_start_time: '2036-02-01T10:00:00.000Z',
        usage_end_time: '2036-02-01T11:00:00.000Z',
        usage_date: '2036-02-01',
        ingestion_date: '2036-02-01',
        usage_metadata: { central_clean_room_id: room },
        ...overrides,
      });
    const first = row();
    const second = row();
    const usage = [
      first, // accepted
      second, // accepted
      first, // duplicate: twice in the request
      { ...second, usage_quantity: '2' }, // conflict: twice, with other content
      row({ usage_metadata: { central_clean_room_id: randomUUID() } }), // unknown_room
      row({ usage_metadata: {} }), // missing_room_id (clean-room usage without a room)
      row({ usage_metadata: { central_clean_room_id: laterRoom } }), // no_owner on 1 February
      row({ account_id: randomUUID() }), // unknown_trigger
      row({ account_id: othersAccount }), // trigger_other_customer
      row({ sku_name: `UNPRICED_${randomUUID().slice(0, 8).toUpperCase()}` }), // no_price
      row({ usage_metadata: {}, billing_origin_product: 'JOBS' }), // excluded
      row({ usage_quantity: 'lots' }), // rejected
    ];
    const line = (id: string, roomId: string, quantity = '0.5') =>
      `${id},ORIGINAL,${partner},${SAMPLE_SKU},AWS,2036-02-02T10:00:00.000Z,2036-02-02T11:00:00.000Z,DBU,${quantity},${roomId},CLEAN_ROOM`;
    const repeated = line(randomUUID(), room);
    const csv = [
      CSV_HEADER,
      line(randomUUID(), room), // accepted
      repeated, // accepted
      repeated, // duplicate
      line(randomUUID(), randomUUID()), // unknown_room
      `${randomUUID()},ORIGINAL,${partner}`, // rejected: too few fields
      line(randomUUID(), room, 'x'), // rejected: not a quantity
    ].join('\n');
    const sku = `METRICS_SKU_${randomUUID().slice(0, 8).toUpperCase()}`;
    const price = (start: string, end: string | null = null, amount = '0.4') => ({
      price_start_time: start,
      price_end_time: end,
      sku_name: sku,
      cloud: 'AWS',
      currency_code: 'USD',
      'pricing.default': amount,
    });
    const eventsRoom = randomUUID();
    const started = runEvent(eventsRoom, 'STARTED', randomUUID(), '2036-02-03T10:00:00.000Z');

    const before = await scrape();
    await t.http.post('/v1/usage').set(t.auth()).send({ records: usage }).expect(200);
    const imported = await importCsv(t, '/v1/usage/imports', csv).expect(201);
    expect(imported.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2 });
    const prices = (list: object[]) =>
      t.http.post('/v1/prices').set(t.auth()).send({ prices: list }).expect(200);
    await prices([price('2036-01-01T00:00:00Z')]); // accepted
    await prices([
      price('2036-01-01T00:00:00Z', '2036-02-01T00:00:00Z'), // updated: the open price closed
      price('2036-02-01T00:00:00Z'), // accepted
      price('2036-02-01T00:00:00Z'), // duplicate
      { ...price('2036-03-01T00:00:00Z'), currency_code: 'DOLLARS' }, // rejected
    ]);
    await prices([price('2036-02-01T00:00:00Z', null, '0.9')]); // conflict
    const events = (list: object[]) =>
      t.http.post('/v1/clean-room-events').set(t.auth()).send({ events: list }).expect(200);
    await events([started, { ...started, event_time: 'yesterday' }]); // accepted, rejected
    await events([started]); // duplicate
    const after = await scrape();

    // Usage: JSON 2 accepted, 1 duplicate, 1 conflict, 6 quarantined, 1 excluded, 1 rejected;
    // CSV 2 accepted, 1 duplicate, 1 quarantined, 2 rejected.
    expect(ingested(before, after, 'usage')).toEqual({
      accepted: 4,
      updated: 0,
      duplicate: 2,
      conflict: 1,
      quarantined: 7,
      excluded: 1,
      rejected: 3,
    });
    expect(ingested(before, after, 'prices')).toEqual({
      accepted: 2,
      updated: 1,
      duplicate: 1,
      conflict: 1,
      quarantined: 0,
      excluded: 0,
      rejected: 1,
    });
    expect(ingested(before, after, 'events')).toEqual({
      accepted: 1,
      updated: 0,
      duplicate: 1,
      conflict: 0,
      quarantined: 0,
      excluded: 0,
      rejected: 1,
    });
    const reasons = [
      'unknown_room',
      'missing_room_id',
      'no_owner',
      'unknown_trigger',
      'trigger_other_customer',
      'no_price',
    ];
    expect(
      Object.fromEntries(
        reasons.map((reason) => [
          reason,
          increase(before, after, 'billing_quarantined_records_total', { kind: 'usage', reason }),
        ]),
      ),
    ).toEqual({
      unknown_room: 2,
      missing_room_id: 1,
      no_owner: 1,
      unknown_trigger: 1,
      trigger_other_customer: 1,
      no_price: 1,
    });
    // Labels name kinds, outcomes and reasons, never a customer or a room.
    expect(after).not.toContain(room);
    expect(after).not.toContain(customer.id);
  });

  it('counts nothing of a batch that rolled back', async () => {
    const imports = t.app.get(ImportsRepository);
    const csv = [
      CSV_HEADER,
      `${randomUUID()},ORIGINAL,${randomUUID()},${SAMPLE_SKU},AWS,2036-02-02T10:00:00.000Z,2036-02-02T11:00:00.000Z,DBU,0.5,${randomUUID()},CLEAN_ROOM`,
      'not,enough,fields',
    ].join('\n');
    jest
      .spyOn(imports, 'progress')
      .mockImplementationOnce(() => Promise.reject(new Error('the disk is full')));

    const before = await scrape();
    await importCsv(t, '/v1/usage/imports', csv).expect(500);
    const after = await scrape();

    expect(ingested(before, after, 'usage')).toEqual(
      Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])),
    );
    expect(
      increase(before, after, 'billing_quarantined_records_total', {
        kind: 'usage',
        reason: 'unknown_room',
      }),
    ).toBe(0);
  });

  it('reports the imports running now, by kind, read from the database when scraped', async () => {
    const imports = t.app.get(ImportsRepository);
    const running = (kind: string) => async () => {
      const [{ count }]: { count: number }[] = await dataSource.query(
        `SELECT count(*)::int AS count FROM ingest_imports WHERE status = 'running' AND kind = $1`,
        [kind],
      );
      return count;
    };
    const held = await imports.start('events', uniqueTag('held.csv'), clock.now());
    try {
      const events = await gaugeAgainstDatabase(
        'billing_imports_running',
        { kind: 'events' },
        running('events'),
      );
      expect(events.counted).toBeGreaterThanOrEqual(1);
      expect(events.scraped).toBe(events.counted);
      // Every kind has its series, 0 included.
      for (const kind of ['usage', 'prices']) {
        const other = await gaugeAgainstDatabase(
          'billing_imports_running',
          { kind },
          running(kind),
        );
        expect(other.scraped).toBe(other.counted);
      }
    } finally {
      await imports.finish(held, 'failed', 'held open by the metrics test', clock.now());
    }
  });

  /** A hybrid customer's March of `year` closed on 10 April (the scenario moved on from 2032). */
  async function close(year: number) {
    clock.set(new Date(`${year}-03-01T00:00:00Z`));
    const world = await setUpScenario(t, loadPricingScenario('hybrid'), {
      shiftYears: year - 2032,
    });
    clock.set(new Date(`${year}-04-10T00:00:00Z`));
    const request = () =>
      t.http
        .post('/v1/invoices/close')
        .set(t.auth())
        .send({ period: `${year}-03`, customerId: world.customerId });
    return { world, request };
  }

  it('times each completed close run and counts the invoices and credit notes issued', async () => {
    const { world, request } = await close(2036);

    const before = await scrape();
    const closed = await request().expect(200);
    const invoice = closed.body.results[0].invoice as { id: string; status: string };
    expect(invoice.status).toBe('finalized');
    await request().expect(200); // a second run finds the invoice issued: it issues nothing
    await t.http
      .post('/v1/invoices/close')
      .set(t.auth())
      .send({ period: '2036-04', customerId: world.customerId })
      .expect(409); // refused, April has not ended: not a close run
    await t.http
      .post(`/v1/invoices/${invoice.id}/credit-notes`)
      .set(t.auth())
      .send({ amount: '25.00', reason: 'Goodwill' })
      .expect(201);
    const after = await scrape();

    const issued = (document: string) =>
      increase(before, after, 'billing_invoices_issued_total', { document });
    expect({ invoice: issued('invoice'), creditNote: issued('credit_note') }).toEqual({
      invoice: 1,
      creditNote: 1,
    });
    const runs = { trigger: 'request' };
    expect(increase(before, after, 'billing_invoice_close_duration_seconds_count', runs)).toBe(2);
    expect(
      increase(before, after, 'billing_invoice_close_duration_seconds_bucket', {
        ...runs,
        le: '+Inf',
      }),
    ).toBe(2);
    expect(
      increase(before, after, 'billing_invoice_close_duration_seconds_sum', runs),
    ).toBeGreaterThan(0);
    expect(
      sample(after, 'billing_invoice_close_duration_seconds_count', { trigger: 'schedule' }),
    ).toBeUndefined();
  });

  it('reports the payment outbox backlog from the database and counts failed pushes', async () => {
    const { request } = await close(2037);
    const invoice = (await request().expect(200)).body.results[0].invoice as {
      id: string;
      payment: { sync: string };
    };
    expect(invoice.payment.sync).toBe('pending');
    const outbox = t.app.get(PaymentQueue);
    const worker = t.app.get(PaymentOutboxWorker);
    // The worker's claim takes every suite's due entries: here it leases this file's entry only,
    // so no other suite's invoice is pushed to this file's Stripe.
    const pushOnce = async (attempts: number) => {
      jest.spyOn(outbox, 'claimDue').mockImplementationOnce(async () => {
        const rows: {
          id: string;
          invoice_id: string;
          credit_note_id: null;
          attempts: number;
          lease_token: string;
        }[] = await dataSource.query(
          `WITH leased AS (
             UPDATE payment_outbox SET attempts = $2, lease_token = gen_random_uuid()
             WHERE invoice_id = $1 AND credit_note_id IS NULL
             RETURNING id, invoice_id, credit_note_id, attempts, lease_token
           )
           SELECT id::text AS id, invoice_id, credit_note_id, attempts, lease_token FROM leased`,
          [invoice.id, attempts],
        );
        return rows.map((row) => ({
          id: row.id,
          invoiceId: row.invoice_id,
          creditNoteId: row.credit_note_id,
          attempts: row.attempts,
          leaseToken: row.lease_token,
        }));
      });
      await worker.runOnce();
      return (await t.http.get(`/v1/invoices/${invoice.id}`).set(t.auth()).expect(200)).body
        .payment as { sync: string };
    };
    const entries = (sync: string) => async () => {
      const [{ count }]: { count: number }[] = await dataSource.query(
        `SELECT count(*)::int AS count FROM payment_outbox o
         JOIN invoices i ON i.id = o.invoice_id LEFT JOIN credit_notes c ON c.id = o.credit_note_id
         WHERE o.done_at IS NULL AND coalesce(c.payment_sync, i.payment_sync) = $1`,
        [sync],
      );
      return count;
    };

    stripe.fail(/^\/v1\/customers/);
    const before = await scrape();
    expect((await pushOnce(1)).sync).toBe('pending'); // failed: tried again later
    const pending = await gaugeAgainstDatabase(
      'billing_payment_outbox_entries',
      { state: 'pending' },
      entries('pending'),
    );
    expect(pending.counted).toBeGreaterThanOrEqual(1);
    expect(pending.scraped).toBe(pending.counted);
    expect((await pushOnce(8)).sync).toBe('failed'); // the last attempt failed: given up
    const after = await scrape();

    const failures = (document: string) =>
      increase(before, after, 'billing_payment_push_failures_total', { document });
    expect({ invoice: failures('invoice'), creditNote: failures('credit_note') }).toEqual({
      invoice: 2,
      creditNote: 0,
    });
    const failed = await gaugeAgainstDatabase(
      'billing_payment_outbox_entries',
      { state: 'failed' },
      entries('failed'),
    );
    expect(failed.counted).toBeGreaterThanOrEqual(1);
    expect(failed.scraped).toBe(failed.counted);
  });
});
