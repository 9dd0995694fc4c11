import { randomUUID } from 'node:crypto';
import { createCustomer, createRoom, registerIdentity } from '../support/factories';
import { priceSampleSku, runEvent, usageRow } from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('runs: usage split over the runs of each room-hour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await priceSampleSku(t);
  });
  afterAll(() => t.close());

  it('splits an hour between two overlapping runs by their time in it, summing exactly', async () => {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id)).id;
    const partnerSharing = `aws:us-east-1:${randomUUID()}`;
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: partnerSharing,
      party: 'partner',
    });
    // Run A: 10:12:04.512 → 11:20:41.090 (47m55.488s = 2,875,488 ms inside 10:00-11:00);
    // run B: 09:30 → 10:30 (30m = 1,800,000 ms inside it).
    await t.http
      .post('/v1/clean-room-events')
      .set(t.auth())
      .send({
        events: [
          runEvent(roomId, 'STARTED', 'A', '2025-06-03T10:12:04.512Z', {
            initiator: partnerSharing,
            etag: 'v2',
          }),
          runEvent(roomId, 'COMPLETED', 'A', '2025-06-03T11:20:41.090Z'),
          runEvent(roomId, 'COMPLETED', 'B', '2025-06-03T10:30:00.000Z', { state: 'FAILED' }),
          runEvent(roomId, 'STARTED', 'B', '2025-06-03T09:30:00.000Z', {
            initiator: partnerSharing,
            etag: 'v1',
          }),
        ],
      })
      .expect(200);

    // No account or run_as on the row: the trigger comes from the run covering most of the hour (A).
    const ingested = await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({
        records: [
          usageRow({
            record_id: randomUUID(),
            account_id: null,
            usage_quantity: '1.842275',
            usage_metadata: { central_clean_room_id: roomId },
          }),
        ],
      })
      .expect(200);
    expect(ingested.body).toMatchObject({ accepted: 1, quarantined: 0 });

    const response = await t.http
      .get('/v1/runs')
      .query({ roomId, from: '2025-06-03T10:00:00Z', to: '2025-06-03T11:00:00Z' })
      .set(t.auth())
      .expect(200);
    // Exact shares: A = 1.842275 × 2875488 / 4675488 = 1.1330239015050407567…,
    //               B = 1.842275 × 1800000 / 4675488 = 0.7092510984949592432…
    // Floored at 18 decimals they leave one unit of 1e-18 over; A's remainder (.7567) is the
    // larger, so A takes it: 1.133023901505040757 + 0.709251098494959243 = 1.842275 exactly.
    const byRun = Object.fromEntries(
      response.body.runs.map((r: { runId: string; dbu: string }) => [r.runId, r.dbu]),
    );
    expect(byRun).toEqual({ B: '0.709251098494959243', A: '1.133023901505040757' });
    expect(response.body.unallocated).toEqual([
      { currency: 'USD', dbu: '0', listCost: '0', partnerCost: '0' },
    ]);
    const costA = response.body.runs.find((r: { runId: string }) => r.runId === 'A').costs[0];
    const costB = response.body.runs.find((r: { runId: string }) => r.runId === 'B').costs[0];
    // 0.64479625 USD split the same way; the parts add up to the hour's cost exactly.
    expect(
      BigInt(costA.listCost.replace('.', '').padEnd(20, '0')) +
        BigInt(costB.listCost.replace('.', '').padEnd(20, '0')),
    ).toBe(BigInt('0.64479625'.replace('.', '').padEnd(20, '0')));
    expect(
      response.body.runs.map((r: { runId: string; state: string }) => `${r.runId}:${r.state}`),
    ).toEqual(['B:FAILED', 'A:SUCCESS']);

    const room = await t.http.get(`/v1/rooms/${roomId}`).set(t.auth()).expect(200);
    expect(room.body).toMatchObject({ notebookEtag: 'v2', lastRunAt: '2025-06-03T10:12:04.512Z' });

    // An older run reported late, with its older notebook version, changes neither.
    await t.http
      .post('/v1/clean-room-events')
      .set(t.auth())
      .send({
        events: [
          runEvent(roomId, 'STARTED', 'C', '2025-06-01T08:00:00.000Z', {
            initiator: partnerSharing,
            etag: 'v0',
          }),
        ],
      })
      .expect(200);
    const after = await t.http.get(`/v1/rooms/${roomId}`).set(t.auth()).expect(200);
    expect(after.body).toMatchObject({ notebookEtag: 'v2', lastRunAt: '2025-06-03T10:12:04.512Z' });
  });

  it('keeps usage of hours no run overlaps as unallocated', async () => {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id)).id;
    const account = randomUUID();
    await registerIdentity(t, {
      kind: 'account',
      value: account,
      party: 'customer',
      customerId: customer.id,
    });
    await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({
        records: [
          usageRow({
            record_id: randomUUID(),
            account_id: account,
            usage_quantity: '0.5',
            usage_metadata: { central_clean_room_id: roomId },
          }),
        ],
      })
      .expect(200);
    const response = await t.http
      .get('/v1/runs')
      .query({ roomId, from: '2025-06-03T00:00:00Z', to: '2025-06-04T00:00:00Z' })
      .set(t.auth())
      .expect(200);
    expect(response.body).toEqual({
      runs: [],
      unallocated: [{ currency: 'USD', dbu: '0.5', listCost: '0.175', partnerCost: '0' }],
    });
  });

  it('refuses an empty or reversed window', async () => {
    await t.http
      .get('/v1/runs')
      .query({ roomId: randomUUID(), from: '2025-06-03T00:00:00Z', to: '2025-06-02T00:00:00Z' })
      .set(t.auth())
      .expect(400);
  });
});
