import { randomUUID } from 'node:crypto';
import type { ControllableClock } from '../../src/shared/time/clock';
import { usageRow } from './databricks-fixtures';
import { createCustomer, createKey, createRoom, registerIdentity, uniqueTag } from './factories';
import type { TestApp } from './test-app';

/** 2044, this suite's year: no other test writes usage, runs or prices in it. */
export const NOW = '2044-03-20T12:00:00.000Z';
export const SKU = 'FLEET_2044_JOBS_SERVERLESS_COMPUTE';

export interface FleetWorld {
  /** This world's notebook (unique, so two worlds never see each other's rooms in a release). */
  readonly notebook: string;
  readonly x: { readonly id: string; readonly key: string };
  readonly y: { readonly id: string; readonly key: string };
  /** Owned by x: r1 since the start of 2044, r2 since its handover from y on 15 March. */
  readonly r1: { readonly id: string; readonly name: string };
  readonly r2: { readonly id: string; readonly name: string };
  /** Owned by y: r3 last ran on 1 February, r4 never ran. */
  readonly r3: { readonly id: string; readonly name: string };
  readonly r4: { readonly id: string; readonly name: string };
  readonly partnerAccount: string;
  readonly keys: { readonly partner: string; readonly finance: string };
}

/**
 * A small history, in UTC, with the clock at NOW (Sunday 20 March 2044, 12:00):
 * - price 0.50 USD/DBU for SKU from 2044-01-01; partner discount 20 % (partner cost = 0.40/DBU);
 * - x: bundled, fee 1,000, cap 40 partner DBU (absorb), managed runs at 2.00 per partner DBU;
 *   y: bundled, fee 500, cap 10 USD of partner cost (absorb), nothing else;
 * - r1 (x): runs on 10, 14, 16 (FAILED), 18 and 20 March at 06:00, etag v1 then v2 from the 18th;
 *   usage 100 DBU partner on 20 Feb, 4 partner on 10 Mar, 6 partner on 18 Mar, 2 customer on 20 Mar;
 * - r2 (y, then x from 15 March 00:00; a run expected every 24 h): runs on 12 March (y's) and
 *   17 March at 10:00 (x's), both etag v1; usage 3 partner on 12 Mar (y's), 5 partner on 17 Mar (x's);
 * - r3 (y): one run on 1 February 00:00, etag v1; r4 (y): nothing.
 */
export async function buildFleetWorld(t: TestApp, clock: ControllableClock): Promise<FleetWorld> {
  clock.set(new Date(NOW));
  await t.http
    .post('/v1/prices')
    .set(t.auth())
    .send({
      prices: [
        {
          price_start_time: '2044-01-01T00:00:00Z',
          sku_name: SKU,
          cloud: 'AWS',
          currency_code: 'USD',
          'pricing.default': '0.5',
        },
      ],
    })
    .expect(200);
  // Another file's world may have set it already (the same rate, the same instant): 409 then.
  const discount = await t.http
    .post('/v1/partner-discounts')
    .set(t.auth())
    .send({ rate: '0.2', effectiveFrom: '2044-01-01T00:00:00Z' });
  if (discount.status !== 201 && discount.status !== 409) throw new Error('discount not set');

  const notebook = uniqueTag('fleet_report').replace(/-/g, '_');
  const [x, y] = [await createCustomer(t), await createCustomer(t)];
  const partnerAccount = randomUUID();
  const customerAccount = randomUUID();
  await registerIdentity(t, { kind: 'account', value: partnerAccount, party: 'partner' });
  await registerIdentity(t, {
    kind: 'account',
    value: customerAccount,
    party: 'customer',
    customerId: x.id,
  });
  const since = '2044-01-01T00:00:00Z';
  const room = async (label: string, owner: string, fields: Record<string, unknown> = {}) => {
    const name = uniqueTag(`fleet-${label}`);
    const created = await createRoom(t, owner, { name, ownerSince: since, ...fields });
    return { id: created.id, name };
  };
  const r1 = await room('a', x.id);
  const r2 = await room('b', y.id, { expectedRunIntervalHours: 24 });
  const r3 = await room('c', y.id);
  const r4 = await room('d', y.id);
  await t.http
    .post(`/v1/rooms/${r2.id}/owners`)
    .set(t.auth())
    .send({ customerId: x.id, effectiveFrom: '2044-03-15T00:00:00Z' })
    .expect(201);

  await subscribe(t, x.id, {
    subscriptionFee: '1000',
    exposureCap: { measure: 'dbu', amount: '40', policy: 'absorb' },
    charges: [
      {
        key: 'managed_runs',
        description: 'Managed runs, per partner DBU',
        basis: 'partner_dbu',
        pricing: { model: 'per_unit', unitPrice: '2' },
      },
    ],
  });
  await subscribe(t, y.id, {
    subscriptionFee: '500',
    exposureCap: { measure: 'cost', amount: '10', policy: 'absorb' },
  });

  const initiator = `aws:us-east-1:${randomUUID()}`;
  const run = (roomId: string, runId: string, start: string, etag: string, state = 'SUCCESS') =>
    runEvents(roomId, runId, start, { etag, state, notebook, initiator });
  await t.http
    .post('/v1/clean-room-events')
    .set(t.auth())
    .send({
      events: [
        ...run(r1.id, 'r1a', '2044-03-10T06:00:00Z', 'v1'),
        ...run(r1.id, 'r1b', '2044-03-14T06:00:00Z', 'v1'),
        ...run(r1.id, 'r1c', '2044-03-16T06:00:00Z', 'v1', 'FAILED'),
        ...run(r1.id, 'r1d', '2044-03-18T06:00:00Z', 'v2'),
        ...run(r1.id, 'r1e', '2044-03-20T06:00:00Z', 'v2'),
        ...run(r2.id, 'r2a', '2044-03-12T10:00:00Z', 'v1'),
        ...run(r2.id, 'r2b', '2044-03-17T10:00:00Z', 'v1'),
        ...run(r3.id, 'r3a', '2044-02-01T00:00:00Z', 'v1'),
      ],
    })
    .expect(200);

  const usage = (roomId: string, start: string, dbu: string, account = partnerAccount) =>
    usageRow({
      record_id: randomUUID(),
      account_id: account,
      sku_name: SKU,
      usage_start_time: start,
      usage_end_time: new Date(new Date(start).getTime() + 3_600_000).toISOString(),
      usage_date: start.slice(0, 10),
      ingestion_date: start.slice(0, 10),
      usage_quantity: dbu,
      usage_metadata: { central_clean_room_id: roomId },
    });
  const ingested = await t.http
    .post('/v1/usage')
    .set(t.auth())
    .send({
      records: [
        usage(r1.id, '2044-02-20T06:00:00.000Z', '100'),
        usage(r1.id, '2044-03-10T06:00:00.000Z', '4'),
        usage(r1.id, '2044-03-18T06:00:00.000Z', '6'),
        usage(r1.id, '2044-03-20T06:00:00.000Z', '2', customerAccount),
        usage(r2.id, '2044-03-12T10:00:00.000Z', '3'),
        usage(r2.id, '2044-03-17T10:00:00.000Z', '5'),
      ],
    })
    .expect(200);
  if ((ingested.body as { accepted: number }).accepted !== 6) {
    throw new Error(`usage not all accepted: ${JSON.stringify(ingested.body)}`);
  }
  return {
    notebook,
    x: { id: x.id, key: await createKey(t, ['customer'], x.id) },
    y: { id: y.id, key: await createKey(t, ['customer'], y.id) },
    r1,
    r2,
    r3,
    r4,
    partnerAccount,
    keys: {
      partner: await createKey(t, ['partner']),
      finance: await createKey(t, ['finance']),
    },
  };
}

/** A usage row of the partner in one hour of a room (for tests that add usage later). */
export function partnerUsage(world: FleetWorld, roomId: string, start: string, dbu: string) {
  return usageRow({
    record_id: randomUUID(),
    account_id: world.partnerAccount,
    sku_name: SKU,
    usage_start_time: start,
    usage_end_time: new Date(new Date(start).getTime() + 3_600_000).toISOString(),
    usage_date: start.slice(0, 10),
    ingestion_date: start.slice(0, 10),
    usage_quantity: dbu,
    usage_metadata: { central_clean_room_id: roomId },
  });
}

async function subscribe(t: TestApp, customerId: string, terms: Record<string, unknown>) {
  const plan = await t.http
    .post('/v1/plans')
    .set(t.auth())
    .send({ name: uniqueTag('fleet-plan'), model: 'bundled', currency: 'USD', ...terms })
    .expect(201);
  const planVersionId = (plan.body as { versions: { id: string }[] }).versions[0].id;
  await t.http
    .put(`/v1/customers/${customerId}/subscription`)
    .set(t.auth())
    .send({ planVersionId, effectiveFrom: '2044-01-01T00:00:00Z' })
    .expect(200);
}

/** A run's STARTED and COMPLETED events, 30 minutes apart, as the JSON export nests them. */
function runEvents(
  roomId: string,
  runId: string,
  start: string,
  run: { etag: string; state: string; notebook: string; initiator: string },
): Record<string, unknown>[] {
  const end = new Date(new Date(start).getTime() + 1_800_000).toISOString();
  return [
    {
      event_id: randomUUID(),
      central_clean_room_id: roomId,
      event_time: start,
      event_type: 'RUN_NOTEBOOK_STARTED',
      initiator_global_metastore_id: run.initiator,
      run_notebook_started_metadata: {
        run_id: runId,
        notebook_name: run.notebook,
        notebook_etag: run.etag,
      },
    },
    {
      event_id: randomUUID(),
      central_clean_room_id: roomId,
      event_time: end,
      event_type: 'RUN_NOTEBOOK_COMPLETED',
      initiator_global_metastore_id: run.initiator,
      run_notebook_completed_metadata: {
        run_id: runId,
        state: run.state,
        duration_in_seconds: 1800,
      },
    },
  ];
}
