import { randomUUID } from 'node:crypto';
import { dailyUsage, DailyUsageRow, usageRow } from '../support/databricks-fixtures';
import { createCustomer, createKey, createRoom, registerIdentity } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GET /v1/usage/daily: days are calendar days in the customer's billing time zone, and the
 * answer is paged like every list. Figures by hand: every hour is partner-run (partner cost =
 * list cost, no discount in 2025) at 0.35 a DBU.
 */
describe('GET /v1/usage/daily', () => {
  let t: TestApp;
  let account: string;
  let sku: string;

  beforeAll(async () => {
    t = await startTestApp();
    account = randomUUID();
    await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });
    sku = `DAILY_SKU_${randomUUID().slice(0, 8).toUpperCase()}`;
    await t.http
      .post('/v1/prices')
      .set(t.auth())
      .send({
        prices: [
          {
            price_start_time: '2025-01-01T00:00:00Z',
            sku_name: sku,
            cloud: 'AWS',
            currency_code: 'USD',
            'pricing.default': '0.35',
          },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  /**
   * A room of a New York customer with five hours around its local 10 June (EDT, UTC-4: the
   * 10th is 2025-06-10T04:00Z to 2025-06-11T04:00Z).
   */
  async function newYorkRoom() {
    const customer = await createCustomer(t, { billingTimeZone: 'America/New_York' });
    const roomId = (await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' }))
      .id;
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
    await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({
        records: [
          hour('2025-06-10T03:00:00.000Z', '1'), // 9 June, 23:00 in New York
          hour('2025-06-10T04:00:00.000Z', '2'), // 10 June, 00:00
          hour('2025-06-10T15:00:00.000Z', '4'), // 10 June, 11:00
          hour('2025-06-11T03:00:00.000Z', '8'), // 10 June, 23:00
          hour('2025-06-11T04:00:00.000Z', '16'), // 11 June, 00:00
        ],
      })
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ accepted: 5 }));
    return { customerId: customer.id, roomId };
  }

  const day = (
    customerId: string,
    roomId: string,
    date: string,
    timeZone: string,
    dbu: string,
    cost: string,
    records: number,
  ): DailyUsageRow => ({
    customerId,
    day: date,
    timeZone,
    roomId,
    trigger: 'partner',
    skuName: sku,
    currency: 'USD',
    dbu,
    listCost: cost,
    partnerCost: cost,
    records,
  });

  it('makes a day of the hours 04:00Z to 03:59Z next day for a New York customer in June', async () => {
    const { customerId, roomId } = await newYorkRoom();

    // The 10th alone: 2 + 4 + 8 = 14 DBU × 0.35 = 4.9, from three rows.
    expect(await dailyUsage(t, { customerId, from: '2025-06-10', to: '2025-06-11' })).toEqual([
      day(customerId, roomId, '2025-06-10', 'America/New_York', '14', '4.9', 3),
    ]);
    // The 9th to the 11th: 1 × 0.35; 14 × 0.35; 16 × 0.35 = 5.6.
    expect(await dailyUsage(t, { customerId, from: '2025-06-09', to: '2025-06-12' })).toEqual([
      day(customerId, roomId, '2025-06-09', 'America/New_York', '1', '0.35', 1),
      day(customerId, roomId, '2025-06-10', 'America/New_York', '14', '4.9', 3),
      day(customerId, roomId, '2025-06-11', 'America/New_York', '16', '5.6', 1),
    ]);
  });

  it('gives each owner of a room its own days, in its own time zone', async () => {
    const { customerId, roomId } = await newYorkRoom();
    // From 11 June 04:00Z (13:00 in Tokyo, UTC+9) the room is a Tokyo customer's: the last hour
    // moves to it, on its 11 June.
    const tokyo = await createCustomer(t, { billingTimeZone: 'Asia/Tokyo' });
    await t.http
      .post(`/v1/rooms/${roomId}/owners`)
      .set(t.auth())
      .send({ customerId: tokyo.id, effectiveFrom: '2025-06-11T04:00:00.000Z' })
      .expect(201);

    expect(await dailyUsage(t, { roomId, from: '2025-06-09', to: '2025-06-12' })).toEqual([
      day(customerId, roomId, '2025-06-09', 'America/New_York', '1', '0.35', 1),
      day(customerId, roomId, '2025-06-10', 'America/New_York', '14', '4.9', 3),
      day(tokyo.id, roomId, '2025-06-11', 'Asia/Tokyo', '16', '5.6', 1),
    ]);
    // Tokyo's 10 June (2025-06-09T15:00Z to 2025-06-10T15:00Z) holds none of its hours.
    expect(
      await dailyUsage(t, { customerId: tokyo.id, from: '2025-06-10', to: '2025-06-11' }),
    ).toEqual([]);
  });

  it('pages with limit and nextCursor, each row once, in order', async () => {
    const { customerId } = await newYorkRoom();
    const query = { customerId, from: '2025-06-09', to: '2025-06-12' };
    const all = await dailyUsage(t, query);
    expect(all.map((row) => row.day)).toEqual(['2025-06-09', '2025-06-10', '2025-06-11']);

    const first = await t.http
      .get('/v1/usage/daily')
      .query({ ...query, limit: 2 })
      .set(t.auth())
      .expect(200);
    expect(first.body.data).toEqual(all.slice(0, 2));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get('/v1/usage/daily')
      .query({ ...query, limit: 2, cursor: first.body.nextCursor })
      .set(t.auth())
      .expect(200);
    expect(second.body).toEqual({ data: all.slice(2), nextCursor: null });

    // One a page, through the helper that follows the cursor: the same three rows.
    expect(await dailyUsage(t, { ...query, limit: 1 })).toEqual(all);
  });

  it('says which parameters are required, and refuses what is not a window of days', async () => {
    const missing = await t.http.get('/v1/usage/daily').set(t.auth()).expect(400);
    expect((missing.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'from',
      'to',
    ]);
    const cases: [Record<string, string>, string][] = [
      [{ from: '2025-06-01T00:00:00Z', to: '2025-07-01' }, 'from'],
      [{ from: '2025-06-01', to: '2025-06-31' }, 'to'],
    ];
    for (const [query, field] of cases) {
      const response = await t.http.get('/v1/usage/daily').query(query).set(t.auth()).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    for (const query of [
      { from: '2025-06-01', to: '2025-06-01' },
      { from: '2025-06-02', to: '2025-06-01' },
      { from: '2024-01-01', to: '2025-01-02' }, // 367 days
    ]) {
      const response = await t.http.get('/v1/usage/daily').query(query).set(t.auth()).expect(400);
      expect(response.body.code).toBe('invalid_window');
    }
    await t.http
      .get('/v1/usage/daily')
      .query({ from: '2024-01-01', to: '2025-01-01' }) // 366 days
      .set(t.auth())
      .expect(200);
    // A cursor of the right shape whose customer is no uuid is refused, not sent to the database.
    const forged = Buffer.from(JSON.stringify(['2025-06-01', 'x', 'r', 't', 's', 'USD'])).toString(
      'base64url',
    );
    const response = await t.http
      .get('/v1/usage/daily')
      .query({ from: '2025-06-01', to: '2025-07-01', cursor: forged })
      .set(t.auth())
      .expect(400);
    expect(response.body.code).toBe('invalid_cursor');
  });

  it('stays closed to customer keys', async () => {
    const { customerId } = await newYorkRoom();
    const key = await createKey(t, ['customer'], customerId);
    await t.http
      .get('/v1/usage/daily')
      .query({ customerId, from: '2025-06-09', to: '2025-06-12' })
      .set(t.auth(key))
      .expect(403);
  });
});
