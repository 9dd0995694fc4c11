import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { D, type Dec } from '../../src/shared/money/decimal';
import { ControllableClock } from '../../src/shared/time/clock';
import { usageRow } from '../support/databricks-fixtures';
import {
  createCustomer,
  createKey,
  createRoom,
  registerIdentity,
  uniqueTag,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GET /v1/reports/costs over March and April 2045 (no other suite uses 2045), every figure
 * computed by hand below.
 *
 * World. Prices from 2045-01-01: SKU A 0.40, SKU B 0.25 USD/DBU; the partner's discount 25 %, so
 * partner cost = 0.75 × list cost (customer-run rows cost the partner nothing). Customers X and Y,
 * billed in UTC. X owns rooms R1 and R3, and RS until 2045-03-16T00:00Z, when RS is handed over
 * to Y; Y owns R2. Plans from 2045-03-01:
 *   X: subscription 100 flat; room fee 10 per active room; managed runs 0.123 per partner DBU;
 *      royalty 0.10 per customer DBU.
 *   Y: subscription 50 flat; managed runs 0.20 per partner DBU.
 *
 * Usage (hour start, room, trigger, SKU, DBU -> list cost, partner cost):
 *   u1  03-02T10 R1 partner  A 10   -> 4,    3
 *   u2  03-02T10 R1 customer B 4    -> 1,    0
 *   u3  03-10T23 R1 partner  A 7    -> 2.8,  2.1
 *   u4  03-20T05 R1 customer A 3    -> 1.2,  0
 *   u5  03-05T12 RS partner  A 9    -> 3.6,  2.7   (X's)
 *   u6  03-18T09 RS partner  A 12   -> 4.8,  3.6   (Y's: after the handover)
 *   u7  03-25T14 RS customer B 5    -> 1.25, 0     (Y's)
 *   u8  03-07T08 R2 partner  B 20   -> 5,    3.75
 *   u9  03-28T16 R2 partner  A 2.5  -> 1,    0.75  (retracted in April)
 *   late, sent in April after March was invoiced:
 *   u10 03-29T18 R1 partner  A 4    -> 1.6,  1.2
 *   April:
 *   u11 04-03T10 R1 partner  A 5    -> 2,    1.5
 *   u12 04-12T20 R2 partner  B 8    -> 2,    1.5
 *   u13 04-15T09 RS customer A 2    -> 0.8,  0     (Y's)
 * Runs (all started by the partner): R1 r1a 03-02 10:00-10:45, r1b 03-02 10:30-11:30,
 * r1c 03-10 23:30-00:30, r1d 04-03 10:20-10:50; RS rsx 03-05 12:10-12:20 (X's), rsy 03-18
 * 09:00-10:00 (Y's); R3 r3 03-08 08:00-08:30 (a run, no usage: R3 is still an active room).
 *
 * Invoices.
 *   X March (closed 04-05, before u10): active rooms R1, RS, R3. Subscription 100.00; room fee
 *     3 × 10 = 30.00 (10.00 per room); managed 26 partner DBU (R1 17, RS 9) × 0.123 = 3.198 ->
 *     3.20, over R1 : RS = 17 : 9 -> cents 320×17 = 26×209 + 6, 320×9 = 26×110 + 20: floors
 *     2.09 + 1.10, the cent to RS (20 > 6) -> R1 2.09, RS 1.11; royalty 7 × 0.10 = 0.70 (R1).
 *     Total 133.90.
 *   Y March: subscription 50.00; managed 34.5 (RS 12, R2 22.5) × 0.20 = 6.90 -> RS 2.40, R2 4.50.
 *     Total 56.90.
 *   X April (closed 05-05): subscription 100.00; room fee R1 10.00; managed 5 × 0.123 = 0.615 ->
 *     0.62 (R1); royalty 0.00; plus March's correction: March rates now 100 + 30 + 30 × 0.123
 *     (3.69) + 0.70 = 134.39 against 133.90 billed -> an adjustment line of 0.49. Total 111.11.
 *   Y April: subscription 50.00; managed 8 × 0.20 = 1.60 (R2). Total 51.60. March rates now
 *     50 + 32 × 0.20 = 56.40 against 56.90 billed -> a credit note of 0.50 on March's invoice.
 *   Billed over March and April: X 133.90 + 111.11 = 245.01; Y 56.90 + 51.60 − 0.50 = 108.00.
 * Usage over March and April:
 *   X: partner DBU 10 + 7 + 9 + 4 + 5 = 35, customer DBU 4 + 3 = 7, list cost 4 + 1 + 2.8 + 1.2 +
 *      3.6 + 1.6 + 2 = 16.2, partner cost 3 + 2.1 + 2.7 + 1.2 + 1.5 = 10.5.
 *   Y: partner DBU 12 + 20 + 2.5 − 2.5 + 8 = 40, customer DBU 5 + 2 = 7, list cost 4.8 + 1.25 + 5
 *      + 1 − 1 + 2 + 0.8 = 13.85, partner cost 3.6 + 3.75 + 0.75 − 0.75 + 1.5 = 8.85.
 * Billed on rows (README, Reports; docs/focus.md §3): each line over its rooms; a room fee then
 * stays on its room, as money of the room (no run, SKU or trigger) dated at its segment's start,
 * 1 March or 1 April 00:00 UTC; managed (partner DBU) and royalty (customer DBU) go over the room's
 * usage by their basis, over its runs first when grouped by run or notebook, then over each run's
 * hours. No line here is per run (partner_run).
 */
describe('GET /v1/reports/costs', () => {
  let t: TestApp;
  const clock = new ControllableClock(new Date('2045-01-01T00:00:00Z'));
  const FROM = '2045-03-01';
  const TO = '2045-05-01';
  const sku = {
    a: `COST_A_${randomUUID().slice(0, 8).toUpperCase()}`,
    b: `COST_B_${randomUUID().slice(0, 8).toUpperCase()}`,
  };
  const run = {
    r1a: uniqueTag('r1a'),
    r1b: uniqueTag('r1b'),
    r1c: uniqueTag('r1c'),
    r1d: uniqueTag('r1d'),
    rsx: uniqueTag('rsx'),
    rsy: uniqueTag('rsy'),
    r3: uniqueTag('r3'),
  };
  let x: string;
  let y: string;
  const room = { r1: randomUUID(), rs: randomUUID(), r2: randomUUID(), r3: randomUUID() };
  const account = { partner: randomUUID(), x: randomUUID(), y: randomUUID() };
  const partnerSharing = `aws:us-east-1:${randomUUID()}`;
  const invoices: Record<string, Invoice> = {};
  let keyX: string;

  interface Invoice {
    id: string;
    number: string;
    status: string;
    subtotal: string;
    adjustments: string;
    total: string;
    creditNotes: { amount: string; correctsPeriod: string }[];
  }

  const u9 = randomUUID();
  const usage = (
    id: string,
    roomId: string,
    start: string,
    who: 'partner' | 'x' | 'y',
    skuName: string,
    dbu: string,
    recordType = 'ORIGINAL',
  ) => {
    const from = new Date(start);
    return usageRow({
      record_id: id,
      record_type: recordType,
      account_id: account[who],
      sku_name: skuName,
      usage_start_time: from.toISOString(),
      usage_end_time: new Date(from.getTime() + 3_600_000).toISOString(),
      usage_date: from.toISOString().slice(0, 10),
      ingestion_date: from.toISOString().slice(0, 10),
      usage_quantity: dbu,
      usage_metadata: { central_clean_room_id: roomId },
    });
  };
  const ingest = async (...records: Record<string, unknown>[]) => {
    const response = await t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);
    expect(response.body).toMatchObject({ accepted: records.length, quarantined: 0 });
  };
  const runEvents = (
    roomId: string,
    runId: string,
    notebook: string,
    start: string,
    end: string,
  ) => [
    {
      event_id: randomUUID(),
      central_clean_room_id: roomId,
      event_time: start,
      event_type: 'RUN_NOTEBOOK_STARTED',
      initiator_global_metastore_id: partnerSharing,
      run_notebook_started_metadata: {
        run_id: runId,
        notebook_name: notebook,
        notebook_etag: 'v1',
      },
    },
    {
      event_id: randomUUID(),
      central_clean_room_id: roomId,
      event_time: end,
      event_type: 'RUN_NOTEBOOK_COMPLETED',
      initiator_global_metastore_id: partnerSharing,
      run_notebook_completed_metadata: { run_id: runId, state: 'SUCCESS', duration_in_seconds: 60 },
    },
  ];
  const sendEvents = (events: Record<string, unknown>[]) =>
    t.http.post('/v1/clean-room-events').set(t.auth()).send({ events }).expect(200);
  const close = async (customerId: string, period: string): Promise<Invoice> => {
    await t.http.post('/v1/invoices/close').set(t.auth()).send({ period, customerId }).expect(200);
    const list = await t.http
      .get('/v1/invoices')
      .query({ customerId, period })
      .set(t.auth())
      .expect(200);
    expect(list.body.data).toHaveLength(1);
    return (await t.http.get(`/v1/invoices/${list.body.data[0].id}`).set(t.auth()).expect(200))
      .body;
  };
  const plan = async (charges: Record<string, unknown>[]) => {
    const created = await t.http
      .post('/v1/plans')
      .set(t.auth())
      .send({ name: uniqueTag('cost-report'), model: 'custom', currency: 'USD', charges })
      .expect(201);
    return (created.body as { versions: { id: string }[] }).versions[0].id;
  };
  const subscribe = (customerId: string, planVersionId: string) =>
    t.http
      .put(`/v1/customers/${customerId}/subscription`)
      .set(t.auth())
      .send({ planVersionId, effectiveFrom: '2045-03-01T00:00:00Z' })
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.http
      .post('/v1/prices')
      .set(t.auth())
      .send({
        prices: [
          { sku: sku.a, price: '0.40' },
          { sku: sku.b, price: '0.25' },
        ].map((p) => ({
          price_start_time: '2045-01-01T00:00:00Z',
          sku_name: p.sku,
          cloud: 'AWS',
          currency_code: 'USD',
          'pricing.default': p.price,
        })),
      })
      .expect(200);
    await t.http
      .post('/v1/partner-discounts')
      .set(t.auth())
      .send({ rate: '0.25', effectiveFrom: '2045-01-01T00:00:00Z' })
      .expect(201);

    x = (await createCustomer(t)).id;
    y = (await createCustomer(t)).id;
    keyX = await createKey(t, ['customer'], x);
    await registerIdentity(t, { kind: 'account', value: account.partner, party: 'partner' });
    await registerIdentity(t, {
      kind: 'account',
      value: account.x,
      party: 'customer',
      customerId: x,
    });
    await registerIdentity(t, {
      kind: 'account',
      value: account.y,
      party: 'customer',
      customerId: y,
    });
    await registerIdentity(t, {
      kind: 'sharing_identifier',
      value: partnerSharing,
      party: 'partner',
    });
    const since = { ownerSince: '2045-01-01T00:00:00Z' };
    for (const [roomId, owner] of [
      [room.r1, x],
      [room.rs, x],
      [room.r3, x],
      [room.r2, y],
    ]) {
      await createRoom(t, owner, { id: roomId, ...since });
    }

    await subscribe(
      x,
      await plan([
        {
          key: 'subscription',
          description: 'Subscription',
          basis: 'subscription',
          pricing: { model: 'flat', amount: '100' },
        },
        {
          key: 'room_fee',
          description: 'Per active room',
          basis: 'room',
          pricing: { model: 'per_unit', unitPrice: '10' },
        },
        {
          key: 'managed',
          description: 'Managed runs',
          basis: 'partner_dbu',
          pricing: { model: 'per_unit', unitPrice: '0.123' },
        },
        {
          key: 'royalty',
          description: 'IP royalty',
          basis: 'customer_dbu',
          pricing: { model: 'per_unit', unitPrice: '0.10' },
        },
      ]),
    );
    await subscribe(
      y,
      await plan([
        {
          key: 'subscription',
          description: 'Subscription',
          basis: 'subscription',
          pricing: { model: 'flat', amount: '50' },
        },
        {
          key: 'managed',
          description: 'Managed runs',
          basis: 'partner_dbu',
          pricing: { model: 'per_unit', unitPrice: '0.20' },
        },
      ]),
    );

    // March, while X still owns RS: the handover then moves u6 to Y.
    clock.set(new Date('2045-03-25T00:00:00Z'));
    await ingest(
      usage(randomUUID(), room.r1, '2045-03-02T10:00:00Z', 'partner', sku.a, '10'),
      usage(randomUUID(), room.r1, '2045-03-02T10:00:00Z', 'x', sku.b, '4'),
      usage(randomUUID(), room.r1, '2045-03-10T23:00:00Z', 'partner', sku.a, '7'),
      usage(randomUUID(), room.r1, '2045-03-20T05:00:00Z', 'x', sku.a, '3'),
      usage(randomUUID(), room.rs, '2045-03-05T12:00:00Z', 'partner', sku.a, '9'),
      usage(randomUUID(), room.rs, '2045-03-18T09:00:00Z', 'partner', sku.a, '12'),
      usage(randomUUID(), room.r2, '2045-03-07T08:00:00Z', 'partner', sku.b, '20'),
      usage(u9, room.r2, '2045-03-28T16:00:00Z', 'partner', sku.a, '2.5'),
    );
    await sendEvents([
      ...runEvents(room.r1, run.r1a, 'nb_alpha', '2045-03-02T10:00:00Z', '2045-03-02T10:45:00Z'),
      ...runEvents(room.r1, run.r1b, 'nb_beta', '2045-03-02T10:30:00Z', '2045-03-02T11:30:00Z'),
      ...runEvents(room.r1, run.r1c, 'nb_alpha', '2045-03-10T23:30:00Z', '2045-03-11T00:30:00Z'),
      ...runEvents(room.rs, run.rsx, 'nb_beta', '2045-03-05T12:10:00Z', '2045-03-05T12:20:00Z'),
      ...runEvents(room.rs, run.rsy, 'nb_alpha', '2045-03-18T09:00:00Z', '2045-03-18T10:00:00Z'),
      ...runEvents(room.r3, run.r3, 'nb_alpha', '2045-03-08T08:00:00Z', '2045-03-08T08:30:00Z'),
    ]);
    await t.http
      .post(`/v1/rooms/${room.rs}/owners`)
      .set(t.auth())
      .send({ customerId: y, effectiveFrom: '2045-03-16T00:00:00Z' })
      .expect(201);
    await ingest(usage(randomUUID(), room.rs, '2045-03-25T14:00:00Z', 'y', sku.b, '5'));

    clock.set(new Date('2045-04-05T00:00:00Z'));
    invoices.x03 = await close(x, '2045-03');
    invoices.y03 = await close(y, '2045-03');

    clock.set(new Date('2045-04-20T00:00:00Z'));
    await ingest(
      usage(randomUUID(), room.r1, '2045-03-29T18:00:00Z', 'partner', sku.a, '4'),
      usage(u9, room.r2, '2045-03-28T16:00:00Z', 'partner', sku.a, '-2.5', 'RETRACTION'),
      usage(randomUUID(), room.r1, '2045-04-03T10:00:00Z', 'partner', sku.a, '5'),
      usage(randomUUID(), room.r2, '2045-04-12T20:00:00Z', 'partner', sku.b, '8'),
      usage(randomUUID(), room.rs, '2045-04-15T09:00:00Z', 'y', sku.a, '2'),
    );
    await sendEvents(
      runEvents(room.r1, run.r1d, 'nb_beta', '2045-04-03T10:20:00Z', '2045-04-03T10:50:00Z'),
    );

    clock.set(new Date('2045-05-05T00:00:00Z'));
    invoices.x04 = await close(x, '2045-04');
    invoices.y04 = await close(y, '2045-04');
    invoices.y03 = (
      await t.http.get(`/v1/invoices/${invoices.y03.id}`).set(t.auth()).expect(200)
    ).body;

    // May is open: X's usage of 2 May is rated to date.
    clock.set(new Date('2045-05-06T00:00:00Z'));
    await ingest(usage(randomUUID(), room.r1, '2045-05-02T10:00:00Z', 'partner', sku.a, '10'));
  }, 120_000);
  afterAll(() => t.close());

  it('the world’s invoices are the hand-computed ones', () => {
    expect(invoices.x03).toMatchObject({ status: 'finalized', total: '133.90' });
    expect(invoices.y03).toMatchObject({ status: 'finalized', total: '56.90' });
    expect(invoices.x04).toMatchObject({
      status: 'finalized',
      subtotal: '110.62',
      adjustments: '0.49',
      total: '111.11',
    });
    expect(invoices.y04).toMatchObject({ status: 'finalized', total: '51.60' });
    expect(invoices.y04.creditNotes).toEqual([
      expect.objectContaining({ amount: '0.50', correctsPeriod: '2045-03' }),
    ]);
  });

  // ---------------------------------------------------------------------------------------------

  interface Row {
    customerId: string | null;
    roomId: string | null;
    runId: string | null;
    notebookName: string | null;
    skuName: string | null;
    trigger: string | null;
    day: string | null;
    month: string | null;
    currency: string;
    partnerDbu: string;
    customerDbu: string;
    listCost: string;
    partnerCost?: string;
    billed: string;
    margin?: string;
    billedFrom: string;
  }
  const KEYS = ['customer', 'room', 'run', 'notebook', 'sku', 'trigger', 'day', 'month'] as const;
  const FIELD: Record<(typeof KEYS)[number], keyof Row> = {
    customer: 'customerId',
    room: 'roomId',
    run: 'runId',
    notebook: 'notebookName',
    sku: 'skuName',
    trigger: 'trigger',
    day: 'day',
    month: 'month',
  };

  /** Every row of the report, page after page. */
  async function report(query: Record<string, string>, key?: string, limit = 200): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const response = await t.http
        .get('/v1/reports/costs')
        .query({ ...query, limit: String(limit), ...(cursor === undefined ? {} : { cursor }) })
        .set(t.auth(key))
        .expect(200);
      rows.push(...(response.body.data as Row[]));
      cursor = response.body.nextCursor ?? undefined;
      if (cursor === undefined) return rows;
    }
    throw new Error('more than 100 pages');
  }

  const total = (rows: readonly Row[], field: keyof Row): string =>
    rows.reduce((sum: Dec, row) => sum.plus(row[field] as string), new D(0)).toFixed();

  /** The figures of a row, to compare with a hand-computed one. */
  const figures = (row: Row) => [
    row.partnerDbu,
    row.customerDbu,
    row.listCost,
    row.partnerCost,
    row.billed,
    row.margin,
  ];

  const EXPECTED = {
    x: {
      billed: '245.01',
      partnerDbu: '35',
      customerDbu: '7',
      listCost: '16.2',
      partnerCost: '10.5',
    },
    y: {
      billed: '108',
      partnerDbu: '40',
      customerDbu: '7',
      listCost: '13.85',
      partnerCost: '8.85',
    },
  };

  /**
   * Billed per month: X 133.90 (March's invoice) and 111.11 (April's, its adjustment for March
   * included); Y 56.90 − 0.50 = 56.40 and 51.60. Per room (both months): X R1 12.79 + 10.62 =
   * 23.41, R3 10.00, RS 11.11, no room 100.00 + 100.00 + 0.49 = 200.49; Y RS 2.40 + 0.00, R2 4.50
   * + 1.60 = 6.10, no room 50.00 − 0.50 + 50.00 = 99.50.
   */
  let BY_MONTH: Record<string, Record<string, string>>;
  let BY_ROOM: Record<string, Record<string, string>>;
  beforeAll(() => {
    BY_MONTH = {
      [x]: { '2045-03': '133.9', '2045-04': '111.11' },
      [y]: { '2045-03': '56.4', '2045-04': '51.6' },
    };
    BY_ROOM = {
      [x]: { [room.r1]: '23.41', [room.r3]: '10', [room.rs]: '11.11', null: '200.49' },
      [y]: { [room.rs]: '2.4', [room.r2]: '6.1', null: '99.5' },
    };
  });

  const combinations = Array.from({ length: 255 }, (_, i) =>
    KEYS.filter((_, bit) => ((i + 1) >> bit) & 1),
  );

  it('for every groupBy (255), each customer’s rows add up to its invoices minus credit notes, and to its usage', async () => {
    expect(new Set(combinations.map((c) => c.join(','))).size).toBe(255);
    const check = async (by: (typeof KEYS)[number][], customerId: string) => {
      const expected = customerId === x ? EXPECTED.x : EXPECTED.y;
      const groupBy = by.join(',');
      const rows = await report({ from: FROM, to: TO, groupBy, customerId });
      const context = `${groupBy} for ${customerId === x ? 'X' : 'Y'}`;
      expect({
        context,
        billed: total(rows, 'billed'),
        partnerDbu: total(rows, 'partnerDbu'),
        customerDbu: total(rows, 'customerDbu'),
        listCost: total(rows, 'listCost'),
        partnerCost: total(rows, 'partnerCost'),
      }).toEqual({ context, ...expected });
      // Every row checked, the violations gathered: one assertion per request keeps 510 fast.
      const problems: string[] = [];
      const keys = new Set<string>();
      for (const row of rows) {
        const where = `${context}: ${JSON.stringify(row)}`;
        // Only the fields grouped by make the key (run keeps its room); the others are null.
        for (const key of KEYS) {
          const grouped = by.includes(key) || (key === 'room' && by.includes('run'));
          if (!grouped && row[FIELD[key]] !== null) problems.push(`${where}: ${key} not null`);
        }
        if (by.includes('customer') && row.customerId !== customerId)
          problems.push(`${where}: another customer`);
        if (row.currency !== 'USD') problems.push(`${where}: currency`);
        if (row.billedFrom !== 'invoice') problems.push(`${where}: billedFrom`);
        if (!/^-?\d+\.\d{2}$/.test(row.billed)) problems.push(`${where}: billed not in cents`);
        if (!new D(row.margin as string).equals(new D(row.billed).minus(row.partnerCost as string)))
          problems.push(`${where}: margin is not billed − partner cost`);
        const key = JSON.stringify(KEYS.map((k) => row[FIELD[k]]));
        if (keys.has(key)) problems.push(`${where}: duplicate key`);
        keys.add(key);
      }
      expect(problems).toEqual([]);
      // Any grouping by month or room splits the same money the same way.
      const split = (field: 'month' | 'roomId') => {
        const sums = new Map<string | null, Dec>();
        for (const row of rows)
          sums.set(row[field], (sums.get(row[field]) ?? new D(0)).plus(row.billed));
        return Object.fromEntries([...sums].map(([k, v]) => [String(k), v.toFixed()]));
      };
      if (by.includes('month'))
        expect({ context, byMonth: split('month') }).toEqual({
          context,
          byMonth: BY_MONTH[customerId],
        });
      if (by.includes('room') || by.includes('run'))
        expect({ context, byRoom: split('roomId') }).toEqual({
          context,
          byRoom: BY_ROOM[customerId],
        });
    };
    // A few requests in flight at once (the Postgres pool has 4 connections; PGlite takes them in turn).
    const tasks = combinations.flatMap((by) => [x, y].map((customerId) => ({ by, customerId })));
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) {
        const task = tasks[next];
        next += 1;
        await check(task.by, task.customerId);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(next).toBe(510);
  }, 600_000);

  it('groupBy=room,month: each room’s month, money of no room in the month of the invoice that carries it', async () => {
    const rows = await report({ from: FROM, to: TO, groupBy: 'room,month', customerId: x });
    const byRoomId = (a: [string | null, ...unknown[]], b: [string | null, ...unknown[]]) =>
      a[0] === b[0] ? 0 : a[0] === null ? 1 : b[0] === null ? -1 : a[0] < b[0] ? -1 : 1;
    // March. R1: partner 10 + 7 + 4 (late u10) = 21, customer 4 + 3 = 7, list 4 + 1 + 2.8 + 1.2 +
    // 1.6 = 10.6, partner cost 3 + 2.1 + 1.2 = 6.3; billed room fee 10.00 + managed 2.09 + royalty
    // 0.70 = 12.79; margin 12.79 − 6.3 = 6.49.
    // R3: no usage; its room fee (10.00) stays with the room, as every room fee does.
    // RS (X's part, before the handover): u5 9 DBU, list 3.6, partner cost 2.7; room fee 10.00 +
    // managed 1.11 = 11.11; margin 8.41.
    // No room: the subscription, 100.00.
    const march: [string | null, ...string[]][] = [
      [room.r1, '21', '7', '10.6', '6.3', '12.79', '6.49'],
      [room.r3, '0', '0', '0', '0', '10.00', '10'],
      [room.rs, '9', '0', '3.6', '2.7', '11.11', '8.41'],
      [null, '0', '0', '0', '0', '100.00', '100'],
    ];
    // April. R1: u11 5 DBU, list 2, partner cost 1.5; room fee 10.00 + managed 0.62 = 10.62.
    // No room: the subscription 100.00 and the adjustment for March, 0.49, both on April's
    // invoice: 100.49.
    const april: [string | null, ...string[]][] = [
      [room.r1, '5', '0', '2', '1.5', '10.62', '9.12'],
      [null, '0', '0', '0', '0', '100.49', '100.49'],
    ];
    expect(rows.map((row) => [row.month, row.roomId, ...figures(row)])).toEqual([
      ...march.sort(byRoomId).map((row) => ['2045-03', ...row]),
      ...april.sort(byRoomId).map((row) => ['2045-04', ...row]),
    ]);
  });

  it('a whole month carries exactly that month’s invoice, less the credit notes against it', async () => {
    const billed = async (customerId: string, from: string, to: string) =>
      total(await report({ from, to, groupBy: 'month', customerId }), 'billed');
    expect(await billed(x, '2045-03-01', '2045-04-01')).toBe('133.9');
    // April's invoice, adjustment for March included.
    expect(await billed(x, '2045-04-01', '2045-05-01')).toBe('111.11');
    // 56.90 − the 0.50 credit note against it.
    expect(await billed(y, '2045-03-01', '2045-04-01')).toBe('56.4');
    expect(await billed(y, '2045-04-01', '2045-05-01')).toBe('51.6');
  });

  it('groupBy=run for room R1: usage split over the runs first, then the invoice lines over the run shares', async () => {
    const rows = await report({
      from: FROM,
      to: TO,
      groupBy: 'run',
      customerId: x,
      roomId: room.r1,
    });
    // March cells of R1 after the run split, in the reader's order (hour, trigger, SKU):
    //   c0 r1a customer 2.4 | c1 r1b customer 1.6   (u2, 03-02T10: r1a 45 min : r1b 30 min = 3 : 2)
    //   c2 r1a partner  6   | c3 r1b partner  4     (u1)
    //   c4 r1c partner  7   (u3, the only run of 03-10T23) | c5 no run customer 3 (u4)
    //   c6 no run partner 4 (u10)
    // Room fee 10.00: on no cell and no run, money of R1 dated 03-01 (a row without run).
    // Managed 2.09 over the runs first, by their partner DBU: r1a 6 (c2), r1b 4 (c3), r1c 7 (c4),
    //   no run 4 (c6), 21 in all: 209×6 = 21×59 + 15, 209×4 = 21×39 + 17, 209×7 = 21×69 + 14,
    //   209×4 = 21×39 + 17: floors 59 39 69 39 = 206, 3 cents to r1b (17, before no run), no run
    //   (17) and r1a (15) -> r1a 0.60, r1b 0.40, r1c 0.69, no run 0.40; each run's share then all
    //   on its one partner cell (its customer cell weighs no partner DBU).
    // Royalty 0.70 over the runs by customer DBU: r1a 2.4 (c0), r1b 1.6 (c1), r1c 0, no run 3 (c5),
    //   7 in all: 70×2.4/7 = 24, 70×1.6/7 = 16, 70×3/7 = 30 cents, exact -> 0.24, 0.16, 0, 0.30.
    // Per run: r1a = 0.60 + 0.24 = 0.84; r1b = 0.40 + 0.16 = 0.56; r1c = 0.69; no run = 10.00 +
    //   0.40 + 0.30 = 10.70 (12.79 in all, R1's March).
    // April: u11 5 DBU all in r1d (the only run of 04-03T10): managed 0.62 on r1d; room fee 10.00
    //   money of R1 dated 04-01, no run. No run over both months: 10.70 + 10.00 = 20.70.
    // DBU and costs: r1a partner 6 (list 2.4, partner cost 1.8) + customer 2.4 (list 0.6) -> list 3;
    //   r1b partner 4 (1.6, 1.2) + customer 1.6 (0.4) -> list 2; r1c 7 (2.8, 2.1); r1d 5 (2, 1.5);
    //   no run: partner 4 (1.6, 1.2) + customer 3 (1.2) -> list 2.8.
    // Margins: r1a 0.84 − 1.8 = −0.96, r1b 0.56 − 1.2 = −0.64, r1c 0.69 − 2.1 = −1.41, r1d 0.62 −
    //   1.5 = −0.88, no run 20.70 − 1.2 = 19.5.
    expect(rows.map((row) => [row.roomId, row.runId, ...figures(row)])).toEqual([
      [room.r1, run.r1a, '6', '2.4', '3', '1.8', '0.84', '-0.96'],
      [room.r1, run.r1b, '4', '1.6', '2', '1.2', '0.56', '-0.64'],
      [room.r1, run.r1c, '7', '0', '2.8', '2.1', '0.69', '-1.41'],
      [room.r1, run.r1d, '5', '0', '2', '1.5', '0.62', '-0.88'],
      [room.r1, null, '4', '3', '2.8', '1.2', '20.70', '19.5'],
    ]);
    // 0.84 + 0.56 + 0.69 + 0.62 + 20.70 = 23.41 = R1's 12.79 in March + 10.62 in April.
    expect(total(rows, 'billed')).toBe('23.41');
  });

  it('a room with a fee and no usage keeps its fee as money of the room (no run, SKU or trigger)', async () => {
    // R3 had a partner run in March but no usage: active, so charged its 10.00 room fee, which
    // stays on the room. Its run has no usage and no per-run fee is charged, so no run row.
    const rows = await report({
      from: FROM,
      to: TO,
      groupBy: 'run,sku,trigger,month',
      customerId: x,
      roomId: room.r3,
    });
    expect(rows).toEqual([
      {
        customerId: null,
        roomId: room.r3,
        runId: null,
        notebookName: null,
        skuName: null,
        trigger: null,
        day: null,
        month: '2045-03',
        currency: 'USD',
        partnerDbu: '0',
        customerDbu: '0',
        listCost: '0',
        partnerCost: '0',
        billed: '10.00',
        margin: '10',
        billedFrom: 'invoice',
      },
    ]);
  });

  it('groupBy=notebook for room R1: runs’ shares summed by notebook', async () => {
    const rows = await report({
      from: FROM,
      to: TO,
      groupBy: 'notebook',
      customerId: x,
      roomId: room.r1,
    });
    // With the run rows above: nb_alpha = r1a + r1c: 6 + 7 partner DBU, 2.4 customer, billed
    // 0.84 + 0.69 = 1.53; nb_beta = r1b + r1d: 4 + 5, 1.6, 0.56 + 0.62 = 1.18; no notebook: usage
    // in no run and the two room fees, 20.70.
    expect(
      rows.map((row) => [row.notebookName, row.partnerDbu, row.customerDbu, row.billed]),
    ).toEqual([
      ['nb_alpha', '13', '2.4', '1.53'],
      ['nb_beta', '9', '1.6', '1.18'],
      [null, '4', '3', '20.70'],
    ]);
  });

  it('groupBy=day in another time zone: days of Asia/Kolkata (UTC+5:30) for room R1', async () => {
    const rows = await report({
      from: FROM,
      to: TO,
      groupBy: 'day',
      customerId: x,
      roomId: room.r1,
      timeZone: 'Asia/Kolkata',
    });
    // Without runs, R1's March cells are d0 customer 4 (u2), d1 partner 10 (u1), d2 partner 7
    // (u3), d3 customer 3 (u4), d4 partner 4 (u10).
    // Room fee 10.00: money of R1 at the segment's start, 03-01T00:00Z, 05:30 on 1 March in Kolkata.
    // Managed 2.09 over 10 7 4 (21): 2090 = 21×99 + 11, 1463 = 21×69 + 14, 836 = 21×39 + 17:
    //   floors 207, 2 cents to d4 (17) and d2 (14) -> d1 0.99, d2 0.70, d4 0.40.
    // Royalty 0.70 over 4 3 -> d0 0.40, d3 0.30.
    // Days in Kolkata: the room fee on 1 March, 10.00; u1, u2 03-02 15:30 -> 2 March: 0.40 + 0.99
    // = 1.39; u3 03-10T23:00Z is 04:30 on 11 March: 0.70; u4 (10:30, 20 March) 0.30; u10
    // 03-29T18:00Z is 23:30 on 29 March: 0.40; April's room fee at 04-01T00:00Z, 05:30 on 1 April:
    // 10.00; u11 (15:30, 3 April) 0.62. In all 23.41, R1's two months.
    expect(
      rows.map((row) => [row.day, row.partnerDbu, row.customerDbu, row.listCost, row.billed]),
    ).toEqual([
      ['2045-03-01', '0', '0', '0', '10.00'],
      ['2045-03-02', '10', '4', '5', '1.39'],
      ['2045-03-11', '7', '0', '2.8', '0.70'],
      ['2045-03-20', '0', '3', '1.2', '0.30'],
      ['2045-03-29', '4', '0', '1.6', '0.40'],
      ['2045-04-01', '0', '0', '0', '10.00'],
      ['2045-04-03', '5', '0', '2', '0.62'],
    ]);
  });

  it('groupBy=sku,trigger,month for room R1: the room fee is a row of no SKU or trigger, each month', async () => {
    const rows = await report({
      from: FROM,
      to: TO,
      groupBy: 'sku,trigger,month',
      customerId: x,
      roomId: room.r1,
    });
    // March: managed 2.09 all on SKU A partner (u1, u3, u10: 21 DBU, list 4 + 2.8 + 1.6 = 8.4,
    // partner cost 3 + 2.1 + 1.2 = 6.3); royalty 0.70 over customer DBU u2 (B) 4 : u4 (A) 3 ->
    // 0.40 and 0.30; the room fee 10.00 on no SKU or trigger. April: managed 0.62 on u11 (A
    // partner, 5 DBU, list 2, partner cost 1.5); the room fee 10.00. SKU A before B, customer before
    // partner, no SKU last.
    expect(rows.map((row) => [row.month, row.skuName, row.trigger, ...figures(row)])).toEqual([
      ['2045-03', sku.a, 'customer', '0', '3', '1.2', '0', '0.30', '0.3'],
      ['2045-03', sku.a, 'partner', '21', '0', '8.4', '6.3', '2.09', '-4.21'],
      ['2045-03', sku.b, 'customer', '0', '4', '1', '0', '0.40', '0.4'],
      ['2045-03', null, null, '0', '0', '0', '0', '10.00', '10'],
      ['2045-04', sku.a, 'partner', '5', '0', '2', '1.5', '0.62', '-0.88'],
      ['2045-04', null, null, '0', '0', '0', '0', '10.00', '10'],
    ]);
  });

  it('the handed-over room: each customer its own months of RS', async () => {
    const rows = await report({ from: FROM, to: TO, groupBy: 'customer,month', roomId: room.rs });
    // X (March, before the handover): u5 9 DBU, 11.11 billed. Y March: u6 partner 12, u7 customer
    // 5, list 4.8 + 1.25 = 6.05, partner cost 3.6; billed its managed part, 2.40, all on u6.
    // Y April: u13 customer 2, list 0.8; no April line charges RS: 0.00.
    const expected: [string, string, ...string[]][] = [
      ['2045-03', x, '9', '0', '3.6', '2.7', '11.11', '8.41'],
      ['2045-03', y, '12', '5', '6.05', '3.6', '2.40', '-1.2'],
      ['2045-04', y, '0', '2', '0.8', '0', '0.00', '0'],
    ];
    const mine = rows.filter((row) => row.customerId === x || row.customerId === y);
    expect(mine.map((row) => [row.month, row.customerId, ...figures(row)])).toEqual(
      expected.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1)),
    );
    // Nobody else ever owned RS: no other row.
    expect(rows).toHaveLength(3);
  });

  it('across customers, a room handed over is one row (its owners’ parts added), and no key repeats', async () => {
    const rows = await report({ from: FROM, to: TO, groupBy: 'room' });
    const keys = rows.map((row) => JSON.stringify([row.roomId, row.currency]));
    expect(keys.length).toBe(new Set(keys).size);
    // RS: X's 9 + Y's 12 partner DBU, Y's 5 + 2 customer DBU, list 3.6 + 6.05 + 0.8 = 10.45,
    // partner cost 2.7 + 3.6 = 6.3, billed 11.11 + 2.40 + 0.00 = 13.51.
    expect(rows.filter((row) => row.roomId === room.rs).map(figures)).toEqual([
      ['21', '7', '10.45', '6.3', '13.51', '7.21'],
    ]);
  });

  it('pages: a small limit gives the same rows as one large page', async () => {
    const query = { from: FROM, to: TO, groupBy: 'run,sku,day', customerId: x };
    const all = await report(query);
    expect(all.length).toBeGreaterThan(5);
    expect(await report(query, undefined, 2)).toEqual(all);
  });

  it('an open period is the rating to date, labelled estimate', async () => {
    // May: X's u14 (10 partner DBU of A: list 4, partner cost 3) on R1; rated to date:
    // subscription 100.00 + room fee 10.00 (R1) + managed 10 × 0.123 = 1.23 + royalty 0.00 = 111.23.
    const rows = await report({
      from: '2045-05-01',
      to: '2045-06-01',
      groupBy: 'month',
      customerId: x,
    });
    expect(rows).toEqual([
      expect.objectContaining({
        month: '2045-05',
        partnerDbu: '10',
        customerDbu: '0',
        listCost: '4',
        partnerCost: '3',
        billed: '111.23',
        billedFrom: 'estimate',
      }),
    ]);
    // April (invoiced) and May (estimate) in one row: mixed.
    const both = await report({
      from: '2045-04-01',
      to: '2045-06-01',
      groupBy: 'customer',
      customerId: x,
    });
    expect(both).toEqual([
      expect.objectContaining({ billed: '222.34', billedFrom: 'mixed' }), // 111.11 + 111.23
    ]);
  });

  it('a customer key sees its own rows, without partner cost or margin', async () => {
    const rows = await report({ from: FROM, to: TO, groupBy: 'customer,room,month' }, keyX);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.customerId).toBe(x);
      expect(row).not.toHaveProperty('partnerCost');
      expect(row).not.toHaveProperty('margin');
    }
    expect(total(rows, 'billed')).toBe('245.01');
    expect(total(rows, 'partnerDbu')).toBe('35');
    expect(total(rows, 'listCost')).toBe('16.2');
    const partnerView = await report({
      from: FROM,
      to: TO,
      groupBy: 'customer,room,month',
      customerId: x,
    });
    expect(rows).toEqual(partnerView.map(({ partnerCost: _p, margin: _m, ...row }) => row));

    // In the room it handed over, only its own time: March until the handover (u5: 9 DBU, list
    // 3.6, billed 11.11), nothing of Y's; in a room it never owned, nothing at all.
    const handedOver = await report(
      { from: FROM, to: TO, groupBy: 'month', roomId: room.rs },
      keyX,
    );
    expect(handedOver.map((row) => [row.month, row.partnerDbu, row.listCost, row.billed])).toEqual([
      ['2045-03', '9', '3.6', '11.11'],
    ]);
    expect(await report({ from: FROM, to: TO, groupBy: 'month', roomId: room.r2 }, keyX)).toEqual(
      [],
    );

    // Its own id is fine; another customer's is not found.
    await t.http
      .get('/v1/reports/costs')
      .query({ from: FROM, to: TO, groupBy: 'room', customerId: x })
      .set(t.auth(keyX))
      .expect(200);
    const other = await t.http
      .get('/v1/reports/costs')
      .query({ from: FROM, to: TO, groupBy: 'room', customerId: y })
      .set(t.auth(keyX))
      .expect(404);
    expect(other.body.code).toBe('not_found');
  });

  describe('CSV', () => {
    const csv = async (query: Record<string, string>, key?: string) => {
      const response = await t.http
        .get('/v1/reports/costs')
        .query(query)
        .set(t.auth(key))
        .set('Accept', 'text/csv')
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const parsed = Papa.parse<string[]>(response.text.trim());
      return { header: parsed.data[0], rows: parsed.data.slice(1), text: response.text };
    };
    const column = (table: { header: string[]; rows: string[][] }, name: string) =>
      table.rows.map((row) => row[table.header.indexOf(name)]);
    const sum = (values: string[]) =>
      values.reduce((acc: Dec, v) => acc.plus(v), new D(0)).toFixed();

    it('partner: the header, and the same totals as JSON', async () => {
      for (const groupBy of ['room,month', 'run,notebook,sku,trigger,day', 'customer']) {
        const table = await csv({ from: FROM, to: TO, groupBy, customerId: y });
        expect(table.header).toEqual([
          'customerId',
          'roomId',
          'runId',
          'notebookName',
          'skuName',
          'trigger',
          'day',
          'month',
          'currency',
          'partnerDbu',
          'customerDbu',
          'listCost',
          'partnerCost',
          'billed',
          'margin',
          'billedFrom',
        ]);
        expect([
          sum(column(table, 'billed')),
          sum(column(table, 'partnerDbu')),
          sum(column(table, 'customerDbu')),
          sum(column(table, 'listCost')),
          sum(column(table, 'partnerCost')),
        ]).toEqual(['108', '40', '7', '13.85', '8.85']);
        const json = await report({ from: FROM, to: TO, groupBy, customerId: y });
        expect(table.rows.length).toBe(json.length);
      }
    });

    it('customer key: no partner-only column', async () => {
      const table = await csv({ from: FROM, to: TO, groupBy: 'room,month' }, keyX);
      expect(table.header).toEqual([
        'customerId',
        'roomId',
        'runId',
        'notebookName',
        'skuName',
        'trigger',
        'day',
        'month',
        'currency',
        'partnerDbu',
        'customerDbu',
        'listCost',
        'billed',
        'billedFrom',
      ]);
      expect(table.text).not.toMatch(/partnerCost|margin/);
      expect(sum(column(table, 'billed'))).toBe('245.01');
    });

    it('a refused request is still a problem, not a CSV', async () => {
      const response = await t.http
        .get('/v1/reports/costs')
        .query({ from: FROM, to: TO, groupBy: 'room', customerId: y })
        .set(t.auth(keyX))
        .set('Accept', 'text/csv')
        .expect(404);
      expect(response.headers['content-type']).not.toMatch(/^text\/csv/);
    });
  });

  describe('refuses', () => {
    const problem = async (query: Record<string, string>) => {
      const response = await t.http.get('/v1/reports/costs').query(query).set(t.auth()).expect(400);
      return response.body as { code: string; errors?: { field: string; code: string }[] };
    };

    it('a groupBy outside the keys', async () => {
      for (const groupBy of ['rooms', 'room,,month', 'room,', 'currency', '']) {
        const body = await problem({ from: FROM, to: TO, groupBy });
        expect({ groupBy, code: body.code }).toEqual({ groupBy, code: 'validation_failed' });
        expect(body.errors?.map((e) => e.field)).toContain('groupBy');
      }
    });

    it('to not after from, or more than 366 days after it', async () => {
      for (const [from, to] of [
        ['2045-03-01', '2045-03-01'],
        ['2045-03-02', '2045-03-01'],
        ['2045-01-01', '2046-01-03'],
      ]) {
        expect((await problem({ from, to, groupBy: 'room' })).code).toBe('invalid_window');
      }
    });

    it('an unknown query parameter', async () => {
      const body = await problem({ from: FROM, to: TO, groupBy: 'room', colour: 'blue' });
      expect(body.code).toBe('validation_failed');
      expect(body.errors).toEqual([expect.objectContaining({ field: 'colour' })]);
    });

    it('a cursor this API never gave', async () => {
      for (const cursor of [
        'nonsense',
        Buffer.from('["[1,2]"]').toString('base64url'),
        Buffer.from('{}').toString('base64url'),
      ]) {
        const body = await problem({ from: FROM, to: TO, groupBy: 'room', customerId: x, cursor });
        expect({ cursor, code: body.code }).toEqual({ cursor, code: 'invalid_cursor' });
      }
    });
  });
});
