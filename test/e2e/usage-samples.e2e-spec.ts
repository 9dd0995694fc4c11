import { randomUUID } from 'node:crypto';
import { createCustomer } from '../support/factories';
import {
  dailyUsage,
  importCsv,
  SAMPLE_ACCOUNT,
  SAMPLE_ROOM,
  SAMPLE_SKU,
  sampleCsv,
} from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The three Databricks sample exports (test/fixtures/databricks/), imported as CSV into a registry that knows the
 * room (owned by one customer) and the billed account (the partner's own).
 * Hand computation, at 0.35 USD/DBU (the sample's effective list price in force from 2025-04-30):
 *   10:00 hour: 1.842275 DBU → 0.64479625 USD
 *   11:00 hour: 0.6134 − 0.6134 + 0.4512 = 0.4512 DBU → 0.15792 USD
 *   the JOBS row (no room, not CLEAN_ROOM) is kept but excluded.
 * One run (771234098812, 10:12:04.512 → 11:20:41.090) overlaps both hours and is the only one,
 * so it carries all 2.293475 DBU and 0.80271625 USD.
 */
describe('usage: the sample exports', () => {
  let t: TestApp;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    // Each test run's database is shared by the suites: the sample's fixed ids need a fresh DB per
    // run, which global setup gives; this suite is the only one using them.
    customerId = (await createCustomer(t, { name: 'Sample Co' })).id;
    await t.http
      .post('/v1/rooms')
      .set(t.auth())
      .send({ id: SAMPLE_ROOM, name: 'acme-audience-overlap', customerId })
      .expect(201);
    await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value: SAMPLE_ACCOUNT, party: 'partner' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('imports the list prices', async () => {
    const response = await importCsv(t, '/v1/prices/imports', sampleCsv('list-prices')).expect(201);
    expect(response.body).toMatchObject({
      kind: 'prices',
      status: 'completed',
      lines: 4,
      accepted: 3,
      rejected: 0,
      problems: [],
    });
  });

  it('imports the clean-room events into one run, and updates the room', async () => {
    const response = await importCsv(
      t,
      '/v1/clean-room-events/imports',
      sampleCsv('clean-room-events'),
    ).expect(201);
    expect(response.body).toMatchObject({
      kind: 'events',
      status: 'completed',
      accepted: 2,
      rejected: 0,
    });
    const room = await t.http.get(`/v1/rooms/${SAMPLE_ROOM}`).set(t.auth()).expect(200);
    expect(room.body.lastRunAt).toBe('2025-06-03T10:12:04.512Z');
  });

  it('imports the usage: four clean-room rows attributed, the JOBS row excluded', async () => {
    const response = await importCsv(t, '/v1/usage/imports', sampleCsv('billing-usage')).expect(
      201,
    );
    expect(response.body).toMatchObject({
      kind: 'usage',
      status: 'completed',
      lines: 6,
      accepted: 4,
      excluded: 1,
      quarantined: 0,
      rejected: 0,
      duplicates: 0,
      conflicts: 0,
      problems: [],
    });
    const progress = await t.http
      .get(`/v1/usage/imports/${response.body.id}`)
      .set(t.auth())
      .expect(200);
    expect(progress.body).toEqual(response.body);
  });

  const daily = () => dailyUsage(t, { customerId, from: '2025-06-01', to: '2025-07-01' });

  it('nets the corrected hour to 0.4512 DBU and prices it at list', async () => {
    expect(await daily()).toEqual([
      {
        customerId,
        day: '2025-06-03',
        timeZone: 'UTC',
        roomId: SAMPLE_ROOM,
        trigger: 'partner',
        skuName: SAMPLE_SKU,
        currency: 'USD',
        dbu: '2.293475',
        listCost: '0.80271625',
        partnerCost: '0.80271625',
        records: 4,
      },
    ]);
    const runs = await t.http
      .get('/v1/runs')
      .query({ roomId: SAMPLE_ROOM, from: '2025-06-03T11:00:00Z', to: '2025-06-03T12:00:00Z' })
      .set(t.auth())
      .expect(200);
    expect(runs.body.runs).toEqual([
      expect.objectContaining({
        runId: '771234098812',
        notebookName: 'overlap_report',
        state: 'SUCCESS',
        startedAt: '2025-06-03T10:12:04.512Z',
        endedAt: '2025-06-03T11:20:41.090Z',
        dbu: '0.4512',
        costs: [{ currency: 'USD', dbu: '0.4512', listCost: '0.15792', partnerCost: '0.15792' }],
      }),
    ]);
  });

  it('changes nothing when every file is imported again', async () => {
    const before = await daily();
    const prices = await importCsv(t, '/v1/prices/imports', sampleCsv('list-prices')).expect(201);
    expect(prices.body).toMatchObject({ accepted: 0, duplicates: 3 });
    const events = await importCsv(
      t,
      '/v1/clean-room-events/imports',
      sampleCsv('clean-room-events'),
    ).expect(201);
    expect(events.body).toMatchObject({ accepted: 0, duplicates: 2 });
    const usage = await importCsv(t, '/v1/usage/imports', sampleCsv('billing-usage')).expect(201);
    expect(usage.body).toMatchObject({ accepted: 0, duplicates: 5, conflicts: 0 });
    expect(
      usage.body.problems.map((p: { line: number; outcome: string }) => `${p.line}:${p.outcome}`),
    ).toEqual(['2:duplicate', '3:duplicate', '4:duplicate', '5:duplicate', '6:duplicate']);
    expect(await daily()).toEqual(before);
  });

  it('knows a row sent as JSON after its CSV twin as a duplicate, not a conflict', async () => {
    // The first and third sample rows, in the nested shape of Databricks' JSON export.
    const response = await t.http
      .post('/v1/usage')
      .set(t.auth())
      .set('Content-Type', 'application/json')
      .send(
        `{"records": [
          {"record_id": "6f1c2a9e-3b7d-4e11-9a0c-5d2f8b1e7a41", "account_id": "${SAMPLE_ACCOUNT}",
           "workspace_id": "1444828305810485", "sku_name": "${SAMPLE_SKU}", "cloud": "AWS",
           "usage_start_time": "2025-06-03T10:00:00.000Z", "usage_end_time": "2025-06-03T11:00:00.000Z",
           "usage_date": "2025-06-03", "custom_tags": {}, "usage_unit": "DBU", "usage_quantity": 1.842275000000000000,
           "usage_metadata": {"cluster_id": null, "central_clean_room_id": "${SAMPLE_ROOM}"},
           "identity_metadata": {"run_as": null}, "record_type": "ORIGINAL", "ingestion_date": "2025-06-03",
           "billing_origin_product": "CLEAN_ROOM", "product_features": {"is_serverless": null}, "usage_type": "COMPUTE_TIME"},
          {"record_id": "c9e2f1a8-6d3b-4a7c-b0e5-1f2d3c4b5a69", "account_id": "${SAMPLE_ACCOUNT}",
           "workspace_id": "1444828305810485", "sku_name": "${SAMPLE_SKU}", "cloud": "AWS",
           "usage_start_time": "2025-06-03 09:00:00.000+00:00", "usage_end_time": "2025-06-03 10:00:00.000+00:00",
           "usage_date": "2025-06-03", "custom_tags": {"team": "partner-ops", "env": "prod"}, "usage_unit": "DBU",
           "usage_quantity": "3.25",
           "usage_metadata": {"job_id": "918273645501234", "job_run_id": "482910573820011",
                              "budget_policy_id": "7c1e9a20-44b1-4d0e-8f55-2a6b7c8d9e01"},
           "identity_metadata": {"run_as": "svc-etl@partner.example"}, "record_type": "ORIGINAL",
           "ingestion_date": "2025-06-03", "billing_origin_product": "JOBS",
           "product_features": {"performance_target": "STANDARD"}, "usage_type": "COMPUTE_TIME"}
        ]}`,
      )
      .expect(200);
    expect(response.body).toMatchObject({ received: 2, accepted: 0, duplicates: 2, conflicts: 0 });
  });

  it('answers 404 for an import id of another kind', async () => {
    await t.http.get(`/v1/usage/imports/${randomUUID()}`).set(t.auth()).expect(404);
  });
});
