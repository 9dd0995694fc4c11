import { randomUUID } from 'node:crypto';
import type { ControllableClock } from '../../src/shared/time/clock';
import { priceSampleSku, runEvent, usageRow } from './databricks-fixtures';
import { createCustomer, createRoom, registerIdentity, uniqueTag } from './factories';
import type { TestApp } from './test-app';

/** An invoice as GET /v1/invoices/{id} answers it (the fields the FOCUS tests read). */
export interface InvoiceBody {
  id: string;
  number: string;
  status: string;
  total: string;
  lines: {
    id: string;
    kind: string;
    chargeKey: string;
    basis: string;
    quantity: string;
    roundedAmount: string;
    correctsPeriod: string | null;
  }[];
  creditNotes: { number: string; amount: string; correctsPeriod: string | null }[];
}

export interface FocusWorld {
  /** The customer with every kind of line: fees, usage, per-run fees, corrections. */
  readonly main: { id: string; name: string; rooms: { a: string; b: string } };
  /** A bundled customer billed for DBU beyond its cap, at an overage price of its own. */
  readonly capped: { id: string; name: string; room: string; subscriptionId: string };
  readonly planVersions: { main: string; capped: string };
  readonly runs: { r1: string; r2: string; r3: string; r4: string };
  readonly invoices: {
    march: InvoiceBody;
    april: InvoiceBody;
    may: InvoiceBody;
    capped: InvoiceBody;
  };
  /** The manual credit note on the March invoice, issued in April. */
  readonly goodwill: { number: string; amount: string; reason: string };
}

const PARTNER_ETAG = 'etag-v7';

/**
 * Two customers in 2046, through the public API (hand computation in focus-export.e2e-spec.ts):
 *
 * - main, plan `custom`: subscription 100 flat; room_fee 20 per active room; managed_runs per
 *   partner DBU at 0.50 with 10 DBU included; ip_royalty per customer DBU at 0.10; run_fee 3.333
 *   per partner run. March: room a has 8 partner DBU in the hour of runs r1 and r2 (half an hour
 *   each), 7 partner DBU outside runs and 30 customer DBU in run r4 (the customer's); room b 3
 *   partner DBU in run r3. Invoiced in April. Late usage (10 partner DBU in room b in March)
 *   makes an adjustment line on the April invoice; a goodwill credit note on the March invoice is
 *   issued in April; the late usage retracted in May makes a credit note issued with the May
 *   invoice. June is closed within its grace: a draft.
 * - capped, plan `bundled` (50 flat, cap 10 DBU, overage 0.80/DBU overridden to 0.60): 5 and 7
 *   partner DBU in room c in March.
 */
export async function buildFocusWorld(t: TestApp, clock: ControllableClock): Promise<FocusWorld> {
  clock.set(new Date('2046-03-01T00:00:00Z'));
  await priceSampleSku(t);
  const main = await createCustomer(t);
  const capped = await createCustomer(t);
  const since = { ownerSince: '2046-01-01T00:00:00Z' };
  const rooms = {
    a: (await createRoom(t, main.id, since)).id,
    b: (await createRoom(t, main.id, since)).id,
    c: (await createRoom(t, capped.id, since)).id,
  };
  const accounts = { partner: randomUUID(), main: randomUUID() };
  await registerIdentity(t, { kind: 'account', value: accounts.partner, party: 'partner' });
  await registerIdentity(t, {
    kind: 'account',
    value: accounts.main,
    party: 'customer',
    customerId: main.id,
  });
  const metastores = {
    partner: `aws:us-east-1:${randomUUID()}`,
    main: `aws:us-east-1:${randomUUID()}`,
  };
  await registerIdentity(t, {
    kind: 'sharing_identifier',
    value: metastores.partner,
    party: 'partner',
  });
  await registerIdentity(t, {
    kind: 'sharing_identifier',
    value: metastores.main,
    party: 'customer',
    customerId: main.id,
  });

  const mainPlan = await createPlan(t, {
    model: 'custom',
    currency: 'USD',
    charges: [
      charge('subscription', 'subscription', { model: 'flat', amount: '100' }),
      charge('room_fee', 'room', { model: 'per_unit', unitPrice: '20' }),
      charge('managed_runs', 'partner_dbu', {
        model: 'per_unit',
        unitPrice: '0.50',
        included: '10',
      }),
      charge('ip_royalty', 'customer_dbu', { model: 'per_unit', unitPrice: '0.10' }),
      charge('run_fee', 'partner_run', { model: 'per_unit', unitPrice: '3.333' }),
    ],
  });
  const cappedPlan = await createPlan(t, {
    model: 'bundled',
    currency: 'USD',
    subscriptionFee: '50',
    exposureCap: { measure: 'dbu', amount: '10', policy: 'overage', overagePrice: '0.80' },
  });
  await subscribe(t, main.id, mainPlan);
  const subscription = await subscribe(t, capped.id, cappedPlan, {
    exposureCap: { overagePrice: '0.60' },
  });

  const usage = (room: string, start: string, dbu: string, account: string, id = randomUUID()) =>
    usageRow({
      record_id: id,
      account_id: account,
      usage_start_time: start,
      usage_end_time: new Date(new Date(start).getTime() + 3_600_000).toISOString(),
      usage_date: start.slice(0, 10),
      ingestion_date: start.slice(0, 10),
      usage_quantity: dbu,
      usage_metadata: { central_clean_room_id: room },
    });
  clock.set(new Date('2046-03-25T00:00:00Z'));
  await ingest(t, [
    usage(rooms.a, '2046-03-02T10:00:00.000Z', '8', accounts.partner),
    usage(rooms.a, '2046-03-05T08:00:00.000Z', '7', accounts.partner),
    usage(rooms.a, '2046-03-03T12:00:00.000Z', '30', accounts.main),
    usage(rooms.b, '2046-03-10T09:00:00.000Z', '3', accounts.partner),
    usage(rooms.c, '2046-03-06T10:00:00.000Z', '5', accounts.partner),
    usage(rooms.c, '2046-03-07T10:00:00.000Z', '7', accounts.partner),
  ]);
  const runs = {
    r1: uniqueTag('r1'),
    r2: uniqueTag('r2'),
    r3: uniqueTag('r3'),
    r4: uniqueTag('r4'),
  };
  const partner = { initiator: metastores.partner, etag: PARTNER_ETAG };
  await t.http
    .post('/v1/clean-room-events')
    .set(t.auth())
    .send({
      events: [
        runEvent(rooms.a, 'STARTED', runs.r1, '2046-03-02T10:00:00.000Z', partner),
        runEvent(rooms.a, 'COMPLETED', runs.r1, '2046-03-02T10:30:00.000Z'),
        runEvent(rooms.a, 'STARTED', runs.r2, '2046-03-02T10:30:00.000Z', partner),
        runEvent(rooms.a, 'COMPLETED', runs.r2, '2046-03-02T11:00:00.000Z'),
        runEvent(rooms.a, 'STARTED', runs.r4, '2046-03-03T12:00:00.000Z', {
          initiator: metastores.main,
        }),
        runEvent(rooms.a, 'COMPLETED', runs.r4, '2046-03-03T12:20:00.000Z'),
        runEvent(rooms.b, 'STARTED', runs.r3, '2046-03-10T09:15:00.000Z', partner),
        runEvent(rooms.b, 'COMPLETED', runs.r3, '2046-03-10T09:45:00.000Z'),
      ],
    })
    .expect(200);

  // March is closed after its grace: finalized at once.
  clock.set(new Date('2046-04-05T00:00:00Z'));
  const march = await closeAndRead(t, main.id, '2046-03');
  const cappedMarch = await closeAndRead(t, capped.id, '2046-03');

  // Late usage for March, then a goodwill credit on the March invoice, both in April.
  clock.set(new Date('2046-04-10T00:00:00Z'));
  const late = randomUUID();
  const lateRow = usage(rooms.b, '2046-03-20T09:00:00.000Z', '10', accounts.partner, late);
  await ingest(t, [lateRow]);
  clock.set(new Date('2046-04-20T00:00:00Z'));
  const reason = 'Goodwill: the outage of 12 March, "sorry"';
  const note = await t.http
    .post(`/v1/invoices/${march.id}/credit-notes`)
    .set(t.auth())
    .send({ amount: '12.50', reason })
    .expect(201);

  clock.set(new Date('2046-05-05T00:00:00Z'));
  const april = await closeAndRead(t, main.id, '2046-04');

  // The late usage retracted in May: March is over-billed again, credited with May's invoice.
  clock.set(new Date('2046-05-10T00:00:00Z'));
  await ingest(t, [{ ...lateRow, record_type: 'RETRACTION', usage_quantity: '-10' }]);
  clock.set(new Date('2046-06-05T00:00:00Z'));
  const may = await closeAndRead(t, main.id, '2046-05');

  // June closed within its grace: a draft, never exported.
  clock.set(new Date('2046-07-01T06:00:00Z'));
  await t.http
    .post('/v1/invoices/close')
    .set(t.auth())
    .send({ period: '2046-06', customerId: main.id })
    .expect(200);

  return {
    main: { id: main.id, name: main.name, rooms: { a: rooms.a, b: rooms.b } },
    capped: { id: capped.id, name: capped.name, room: rooms.c, subscriptionId: subscription },
    planVersions: { main: mainPlan, capped: cappedPlan },
    runs,
    invoices: { march, april, may, capped: cappedMarch },
    goodwill: { number: (note.body as { number: string }).number, amount: '12.50', reason },
  };
}

function charge(key: string, basis: string, pricing: Record<string, string>) {
  return { key, description: `${key} (${basis})`, basis, pricing };
}

async function createPlan(t: TestApp, body: Record<string, unknown>): Promise<string> {
  const plan = await t.http
    .post('/v1/plans')
    .set(t.auth())
    .send({ name: uniqueTag('focus'), ...body })
    .expect(201);
  return (plan.body as { versions: { id: string }[] }).versions[0].id;
}

async function subscribe(
  t: TestApp,
  customerId: string,
  planVersionId: string,
  overrides?: Record<string, unknown>,
): Promise<string> {
  const response = await t.http
    .put(`/v1/customers/${customerId}/subscription`)
    .set(t.auth())
    .send({ planVersionId, effectiveFrom: '2046-03-01T00:00:00Z', overrides })
    .expect(200);
  return (response.body as { id: string }).id;
}

async function ingest(t: TestApp, records: Record<string, unknown>[]): Promise<void> {
  const response = await t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);
  if ((response.body as { accepted: number }).accepted !== records.length) {
    throw new Error(`Usage not all accepted: ${JSON.stringify(response.body)}`);
  }
}

async function closeAndRead(t: TestApp, customerId: string, period: string): Promise<InvoiceBody> {
  const closed = await t.http
    .post('/v1/invoices/close')
    .set(t.auth())
    .send({ period, customerId })
    .expect(200);
  const id = (closed.body as { results: { invoice: { id: string } | null }[] }).results[0].invoice
    ?.id;
  if (!id) throw new Error(`No invoice closing ${period}: ${JSON.stringify(closed.body)}`);
  const invoice = await t.http.get(`/v1/invoices/${id}`).set(t.auth()).expect(200);
  const body = invoice.body as InvoiceBody;
  if (body.status !== 'finalized') throw new Error(`${period} not finalized: ${body.status}`);
  return body;
}
