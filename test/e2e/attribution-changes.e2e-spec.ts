import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCustomer, createRoom, registerIdentity } from '../support/factories';
import {
  dailyUsage,
  juneUsageOfRoom,
  priceSampleSku,
  runEvent,
  usageRow,
} from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Attribution follows later changes to runs, identities and prices, not only for quarantined rows. */
describe('attribution: later changes reach rows already attributed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await priceSampleSku(t);
  });
  afterAll(() => t.close());

  const daily = (roomId: string) => juneUsageOfRoom(t, roomId);
  const quarantine = async (roomId: string) =>
    (await t.http.get('/v1/usage/quarantine').query({ roomId }).set(t.auth()).expect(200)).body
      .data as { reason: string }[];
  const ingest = (records: unknown[]) =>
    t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);
  const events = (list: unknown[]) =>
    t.http.post('/v1/clean-room-events').set(t.auth()).send({ events: list }).expect(200);
  it('moves an hour to the customer when its run turns out to be the customer’s', async () => {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id)).id;
    const [partnerSharing, customerSharing] = [
      `aws:us-east-1:${randomUUID()}`,
      `aws:us-east-1:${randomUUID()}`,
    ];
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: partnerSharing,
      party: 'partner',
    });
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: customerSharing,
      party: 'customer',
      customerId: customer.id,
    });
    // The partner's run P has started (06-02 08:00) and not completed yet: it covers every later hour.
    await events([
      runEvent(roomId, 'STARTED', 'P', '2025-06-02T08:00:00Z', { initiator: partnerSharing }),
    ]);
    await ingest([
      usageRow({
        record_id: randomUUID(),
        account_id: null,
        usage_quantity: '10',
        usage_metadata: { central_clean_room_id: roomId },
      }),
    ]);
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({ trigger: 'partner', dbu: '10', partnerCost: '3.5' }),
    ]);

    // P completed the same morning; the customer's run Q covers the 10:00 hour.
    await events([
      runEvent(roomId, 'COMPLETED', 'P', '2025-06-02T09:00:00Z'),
      runEvent(roomId, 'STARTED', 'Q', '2025-06-03T10:05:00Z', { initiator: customerSharing }),
      runEvent(roomId, 'COMPLETED', 'Q', '2025-06-03T10:55:00Z'),
    ]);
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({ trigger: 'customer', dbu: '10', partnerCost: '0' }),
    ]);
  });

  it('attributes usage whose runs arrive late to the run covering most of each hour, long and open runs included', async () => {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' }))
      .id;
    const [partnerSharing, customerSharing] = [
      `aws:us-east-1:${randomUUID()}`,
      `aws:us-east-1:${randomUUID()}`,
    ];
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: partnerSharing,
      party: 'partner',
    });
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: customerSharing,
      party: 'customer',
      customerId: customer.id,
    });
    const hour = (start: string, dbu: string) =>
      usageRow({
        record_id: randomUUID(),
        account_id: null,
        usage_start_time: start,
        usage_end_time: new Date(Date.parse(start) + 3_600_000).toISOString(),
        usage_date: start.slice(0, 10),
        usage_quantity: dbu,
        usage_metadata: { central_clean_room_id: roomId },
      });
    // The usage first: no run known yet, so no trigger.
    await ingest([
      hour('2025-06-03T10:00:00.000Z', '1'),
      hour('2025-06-05T10:00:00.000Z', '2'),
      hour('2025-06-09T10:00:00.000Z', '4'),
    ]);
    expect((await quarantine(roomId)).map((q) => q.reason)).toEqual([
      'unknown_trigger',
      'unknown_trigger',
      'unknown_trigger',
    ]);

    // Then its runs. 06-03 10:00: the customer's L, started 14 hours before (longer than the
    // six hours runs are looked up by their start), covers 40 minutes of it, the partner's S 30.
    // From 06-04 12:00 the partner's O runs with no end yet: it covers all of 06-05 10:00, as the
    // customer's T does, and started first, so it wins; and all of 06-09 10:00, alone.
    await events([
      runEvent(roomId, 'STARTED', 'L', '2025-06-02T20:00:00Z', { initiator: customerSharing }),
      runEvent(roomId, 'COMPLETED', 'L', '2025-06-03T10:40:00Z'),
      runEvent(roomId, 'STARTED', 'S', '2025-06-03T10:30:00Z', { initiator: partnerSharing }),
      runEvent(roomId, 'COMPLETED', 'S', '2025-06-03T11:00:00Z'),
      runEvent(roomId, 'STARTED', 'O', '2025-06-04T12:00:00Z', { initiator: partnerSharing }),
      runEvent(roomId, 'STARTED', 'T', '2025-06-05T10:00:00Z', { initiator: customerSharing }),
      runEvent(roomId, 'COMPLETED', 'T', '2025-06-05T11:00:00Z'),
    ]);
    const byDay = async () =>
      (await daily(roomId)).map((d) => [d.day, d.trigger, d.dbu, d.partnerCost]);
    expect(await quarantine(roomId)).toEqual([]);
    expect(await byDay()).toEqual([
      ['2025-06-03', 'customer', '1', '0'],
      ['2025-06-05', 'partner', '2', '0.7'],
      ['2025-06-09', 'partner', '4', '1.4'],
    ]);

    // O's end arrives: it stopped before 06-05 10:00, which goes to T; nothing covers 06-09.
    await events([runEvent(roomId, 'COMPLETED', 'O', '2025-06-05T09:00:00Z')]);
    expect(await byDay()).toEqual([
      ['2025-06-03', 'customer', '1', '0'],
      ['2025-06-05', 'customer', '2', '0'],
    ]);
    expect((await quarantine(roomId)).map((q) => q.reason)).toEqual(['unknown_trigger']);
  });

  it('attributes a usage row longer than an hour when a run inside it arrives late', async () => {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' }))
      .id;
    const partnerSharing = `aws:us-east-1:${randomUUID()}`;
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: partnerSharing,
      party: 'partner',
    });
    // Three hours in one row: it starts long before the run, and is found by its length.
    await ingest([
      usageRow({
        record_id: randomUUID(),
        account_id: null,
        usage_start_time: '2025-06-03T08:00:00.000Z',
        usage_end_time: '2025-06-03T11:00:00.000Z',
        usage_quantity: '3',
        usage_metadata: { central_clean_room_id: roomId },
      }),
    ]);
    expect((await quarantine(roomId)).map((q) => q.reason)).toEqual(['unknown_trigger']);

    await events([
      runEvent(roomId, 'STARTED', 'W', '2025-06-03T10:30:00Z', { initiator: partnerSharing }),
      runEvent(roomId, 'COMPLETED', 'W', '2025-06-03T10:50:00Z'),
    ]);
    expect(await quarantine(roomId)).toEqual([]);
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({ trigger: 'partner', dbu: '3', partnerCost: '1.05' }),
    ]);
  });

  it('sends usage back to quarantine when the identity that decided it is removed', async () => {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id)).id;
    const account = randomUUID();
    const identity = await registerIdentity(t, {
      kind: 'account',
      value: account,
      party: 'partner',
    });
    await ingest([
      usageRow({
        record_id: randomUUID(),
        account_id: account,
        usage_quantity: '2',
        usage_metadata: { central_clean_room_id: roomId },
      }),
    ]);
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({ trigger: 'partner', dbu: '2' }),
    ]);

    await t.http.delete(`/v1/identities/${identity.id}`).set(t.auth()).expect(204);
    expect(await quarantine(roomId)).toEqual([
      expect.objectContaining({ reason: 'unknown_trigger' }),
    ]);
    expect(await daily(roomId)).toEqual([]);
  });

  it('quarantines usage billed to another customer’s account', async () => {
    const [owner, other] = [await createCustomer(t), await createCustomer(t)];
    const roomId = (await createRoom(t, owner.id)).id;
    const account = randomUUID();
    await registerIdentity(t, {
      kind: 'account',
      value: account,
      party: 'customer',
      customerId: other.id,
    });
    const response = await ingest([
      usageRow({
        record_id: randomUUID(),
        account_id: account,
        usage_metadata: { central_clean_room_id: roomId },
      }),
    ]);
    expect(response.body.problems).toEqual([
      expect.objectContaining({ outcome: 'quarantined', code: 'trigger_other_customer' }),
    ]);
  });

  it('moves attributed amounts exactly when a price and then the owner change under them', async () => {
    const [usd, eur] = [await createCustomer(t), await createCustomer(t, { currency: 'EUR' })];
    const roomId = (await createRoom(t, usd.id, { ownerSince: '2025-01-01T00:00:00.000Z' })).id;
    const account = randomUUID();
    await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });
    const sku = `MOVE_SKU_${randomUUID().slice(0, 8).toUpperCase()}`;
    const price = (start: string, currency: string, amount: string) => ({
      price_start_time: start,
      sku_name: sku,
      cloud: 'AWS',
      currency_code: currency,
      'pricing.default': amount,
    });
    const postPrices = (prices: unknown[]) =>
      t.http.post('/v1/prices').set(t.auth()).send({ prices }).expect(200);
    await postPrices([
      price('2025-01-01T00:00:00Z', 'USD', '0.4'),
      price('2025-01-01T00:00:00Z', 'EUR', '0.3'),
    ]);
    const hour = (start: string, dbu: string) =>
      usageRow({
        record_id: randomUUID(),
        account_id: account,
        sku_name: sku,
        usage_start_time: start,
        usage_end_time: new Date(Date.parse(start) + 3_600_000).toISOString(),
        usage_quantity: dbu,
        usage_metadata: { central_clean_room_id: roomId },
      });
    // The last hour of May, the first of June, one of mid-June: all the partner's, all attributed.
    await ingest([
      hour('2025-05-31T23:00:00.000Z', '1'),
      hour('2025-06-01T00:00:00.000Z', '2'),
      hour('2025-06-15T10:00:00.000Z', '4'),
    ]);

    // A new USD price from June on re-prices the two June hours; then the room is handed, from
    // mid-June, to a customer billed in EUR: the last hour moves customer, currency and price.
    await postPrices([price('2025-06-01T00:00:00Z', 'USD', '0.5')]);
    await t.http
      .post(`/v1/rooms/${roomId}/owners`)
      .set(t.auth())
      .send({ customerId: eur.id, effectiveFrom: '2025-06-10T00:00:00.000Z' })
      .expect(201);

    const days = await dailyUsage(t, { roomId, from: '2025-05-01', to: '2025-07-01' });
    // By hand: 1 × 0.4; 2 × 0.5; 4 × 0.3 EUR. The partner triggered all: partner cost = list cost.
    expect(days.map((d) => [d.customerId, d.day, d.dbu, d.listCost, d.partnerCost])).toEqual([
      [usd.id, '2025-05-31', '1', '0.4', '0.4'],
      [usd.id, '2025-06-01', '2', '1', '1'],
      [eur.id, '2025-06-15', '4', '1.2', '1.2'],
    ]);
    // Every rollup row of the room, emptied ones included, is the exact sum of its attributed rows.
    const dataSource = t.app.get(DataSource);
    const mismatched: unknown[] = await dataSource.query(
      `SELECT h.*, r.*
       FROM (SELECT * FROM usage_hourly WHERE room_id = $1) h
       FULL JOIN (SELECT customer_id, date_trunc('hour', usage_start_time, 'UTC') AS hour, trigger, sku_name, currency,
                         sum(usage_quantity) AS dbu, sum(list_cost) AS list_cost, sum(partner_cost) AS partner_cost,
                         count(*)::int AS records
                  FROM usage_records WHERE room_id = $1 AND status = 'attributed' GROUP BY 1, 2, 3, 4, 5) r
         USING (customer_id, hour, trigger, sku_name, currency)
       WHERE coalesce(h.dbu, 0) <> coalesce(r.dbu, 0) OR coalesce(h.list_cost, 0) <> coalesce(r.list_cost, 0)
          OR coalesce(h.partner_cost, 0) <> coalesce(r.partner_cost, 0) OR coalesce(h.records, 0) <> coalesce(r.records, 0)`,
      [roomId],
    );
    expect(mismatched).toEqual([]);
  });

  it('takes a price’s end time once, and refuses to reopen or move it', async () => {
    const sku = `END_SKU_${randomUUID().slice(0, 8).toUpperCase()}`;
    const price = (end: string | null) => ({
      price_start_time: '2025-01-01T00:00:00Z',
      price_end_time: end,
      sku_name: sku,
      cloud: 'AWS',
      currency_code: 'USD',
      'pricing.default': '0.5',
    });
    const send = (end: string | null) =>
      t.http
        .post('/v1/prices')
        .set(t.auth())
        .send({ prices: [price(end)] })
        .expect(200);
    expect((await send(null)).body).toMatchObject({ accepted: 1 });
    expect((await send('2025-07-01T00:00:00Z')).body).toMatchObject({ updated: 1, conflicts: 0 });
    expect((await send(null)).body).toMatchObject({ updated: 0, conflicts: 1 });
    expect((await send('2025-08-01T00:00:00Z')).body).toMatchObject({ updated: 0, conflicts: 1 });
    const book = await t.http.get('/v1/prices').query({ skuName: sku }).set(t.auth()).expect(200);
    expect(book.body.data).toEqual([
      expect.objectContaining({ priceEndTime: '2025-07-01T00:00:00.000Z' }),
    ]);
  });
});
