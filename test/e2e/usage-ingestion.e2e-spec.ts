import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { DataSource } from 'typeorm';
import { KEY_HASH_SQL } from '../../migrations/1764430000000-hashed-usage-keys';
import { createCustomer, createRoom } from '../support/factories';
import {
  importCsv,
  runEvent,
  SAMPLE_SKU,
  usageRow,
  juneUsageOfRoom,
  priceSampleSku,
} from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** A fresh partner account, a customer with one room, and the SKU priced at 0.35 USD/DBU. */
async function world(t: TestApp) {
  const partnerAccount = randomUUID();
  const customer = await createCustomer(t);
  const room = await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' });
  await t.http
    .post('/v1/identities')
    .set(t.auth())
    .send({ kind: 'account', value: partnerAccount, party: 'partner' })
    .expect(201);
  return { partnerAccount, customerId: customer.id, roomId: room.id };
}

describe('usage ingestion', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await priceSampleSku(t);
  });
  afterAll(() => t.close());

  const post = (records: unknown[]) => t.http.post('/v1/usage').set(t.auth()).send({ records });
  const daily = (roomId: string) => juneUsageOfRoom(t, roomId);

  it('tells duplicates from conflicts, keeps the first version, and lists the conflict', async () => {
    const { partnerAccount, roomId } = await world(t);
    const id = randomUUID();
    const row = usageRow({
      record_id: id,
      account_id: partnerAccount,
      usage_quantity: '2.5',
      usage_metadata: { central_clean_room_id: roomId },
    });
    const first = await post([row]).expect(200);
    expect(first.body).toMatchObject({
      received: 1,
      accepted: 1,
      duplicates: 0,
      conflicts: 0,
      problems: [],
    });

    const again = await post([row, { ...row, usage_quantity: '9.75' }]).expect(200);
    expect(again.body).toMatchObject({ received: 2, accepted: 0, duplicates: 1, conflicts: 1 });
    expect(again.body.problems).toEqual([
      expect.objectContaining({ index: 0, recordId: id, outcome: 'duplicate', code: 'duplicate' }),
      expect.objectContaining({ index: 1, recordId: id, outcome: 'conflict', code: 'conflict' }),
    ]);
    expect((await daily(roomId))[0]).toMatchObject({ dbu: '2.5', listCost: '0.875', records: 1 });

    const conflicts = await t.http
      .get('/v1/usage/conflicts')
      .query({ limit: 200 })
      .set(t.auth())
      .expect(200);
    const mine = conflicts.body.data.filter((c: { key: string }) => c.key === `${id}/ORIGINAL`);
    expect(mine).toEqual([
      expect.objectContaining({
        source: 'usage',
        incoming: expect.objectContaining({ usageQuantity: '9.75' }),
      }),
    ]);
  });

  it('stores tabs, line breaks, backslashes and quotes exactly, and knows the record again as CSV', async () => {
    const { partnerAccount, roomId } = await world(t);
    const id = randomUUID();
    const tricky = 'tab\there, line\nbreak, back\\slash \\N, "quoted", \u00e9';
    const row = usageRow({
      record_id: id,
      account_id: partnerAccount,
      custom_tags: { note: tricky },
      usage_metadata: { central_clean_room_id: roomId, notebook_path: tricky },
      identity_metadata: undefined,
    });
    expect((await post([row]).expect(200)).body).toMatchObject({ accepted: 1 });
    const stored: unknown[] = await t.app
      .get(DataSource)
      .query(`SELECT custom_tags, extra FROM usage_records WHERE record_id = $1`, [id]);
    expect(stored).toEqual([
      { custom_tags: { note: tricky }, extra: { usage_metadata: { notebook_path: tricky } } },
    ]);

    // The same record as a line of a CSV export, read by the CSV path: the same content.
    const csv = Papa.unparse({
      fields: [
        'record_id',
        'record_type',
        'account_id',
        'workspace_id',
        'sku_name',
        'cloud',
        'usage_start_time',
        'usage_end_time',
        'usage_date',
        'custom_tags',
        'usage_unit',
        'usage_quantity',
        'usage_metadata.central_clean_room_id',
        'usage_metadata.notebook_path',
        'ingestion_date',
        'billing_origin_product',
        'usage_type',
      ],
      data: [
        [
          id,
          'ORIGINAL',
          partnerAccount,
          row.workspace_id,
          row.sku_name,
          'AWS',
          row.usage_start_time,
          row.usage_end_time,
          row.usage_date,
          JSON.stringify({ note: tricky }),
          'DBU',
          row.usage_quantity,
          roomId,
          tricky,
          row.ingestion_date,
          row.billing_origin_product,
          row.usage_type,
        ],
      ],
    });
    const imported = await importCsv(t, '/v1/usage/imports', csv).expect(201);
    expect(imported.body).toMatchObject({ accepted: 0, duplicates: 1, conflicts: 0 });
  });

  it('claims keys by the hash the key migration computes in SQL, unicode ids included', async () => {
    const { partnerAccount, roomId } = await world(t);
    const ids = [`${randomUUID()}/x`, `${randomUUID()}-\u00e9\u{1f600}`];
    const records = ids.map((id) =>
      usageRow({
        record_id: id,
        account_id: partnerAccount,
        usage_metadata: { central_clean_room_id: roomId },
      }),
    );
    expect((await post(records).expect(200)).body).toMatchObject({ accepted: 2 });
    const claimed: { n: number }[] = await t.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) AS r(id)
       JOIN usage_record_keys k ON k.key_hash = ${KEY_HASH_SQL('r.id', "'ORIGINAL'")}`,
      [ids],
    );
    expect(claimed).toEqual([{ n: 2 }]);
  });

  it('stores a request of 7,000 records together, each record once', async () => {
    const { partnerAccount, roomId } = await world(t);
    const record = (quantity: string, room = roomId) =>
      usageRow({
        record_id: randomUUID(),
        account_id: partnerAccount,
        usage_quantity: quantity,
        usage_metadata: { central_clean_room_id: room },
      });
    const earlier = record('1');
    await post([earlier]).expect(200);

    // Among them, late in the request: a record already stored, and one for a room nobody
    // registered.
    const records = Array.from({ length: 7_000 }, () => record('0.001'));
    records[6_500] = earlier;
    records[6_999] = record('0.001', randomUUID());
    const answer = await post(records).expect(200);
    // 6,998 new and attributed, the known one a duplicate, the unknown room's quarantined: each
    // counted once.
    expect(answer.body).toMatchObject({
      received: 7_000,
      accepted: 6_998,
      duplicates: 1,
      quarantined: 1,
      conflicts: 0,
    });
    expect(answer.body.problems).toEqual([
      expect.objectContaining({ index: 6_500, outcome: 'duplicate' }),
      expect.objectContaining({ index: 6_999, outcome: 'quarantined', code: 'unknown_room' }),
    ]);
    // 1 + 6,998 × 0.001 DBU, each record once.
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({ dbu: '7.998', records: 6_999 }),
    ]);
  });

  it('refuses, row by row, text that PostgreSQL cannot store: NUL characters and unpaired surrogates', async () => {
    const { partnerAccount, roomId } = await world(t);
    const record = (id: string, metadata: Record<string, unknown> = {}) =>
      usageRow({
        record_id: id,
        account_id: partnerAccount,
        usage_metadata: { central_clean_room_id: roomId, ...metadata },
      });
    const good = randomUUID();
    // Two ids that would both reach the database as "…\ufffdx", and a NUL in a kept field.
    const answer = await post([
      record(`${good}`),
      record(`${randomUUID()}\ud800x`),
      record(`${randomUUID()}\udfffx`),
      record(randomUUID(), { notebook_path: '/a\u0000b' }),
    ]).expect(200);
    expect(answer.body).toMatchObject({ received: 4, accepted: 1, rejected: 3 });
    expect(answer.body.problems).toEqual([
      expect.objectContaining({
        index: 1,
        recordId: null,
        code: 'unstorable_text',
        field: 'record_id',
      }),
      expect.objectContaining({
        index: 2,
        recordId: null,
        code: 'unstorable_text',
        field: 'record_id',
      }),
      expect.objectContaining({
        index: 3,
        code: 'unstorable_text',
        field: 'usage_metadata.notebook_path',
      }),
    ]);

    // A CSV line with a NUL is refused by line number; the rest of the file is imported.
    const csv = [
      'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_quantity,usage_metadata.central_clean_room_id,usage_metadata.notebook_path',
      `${randomUUID()},ORIGINAL,${partnerAccount},${SAMPLE_SKU},AWS,2025-06-03T10:00:00.000Z,2025-06-03T11:00:00.000Z,1,${roomId},/ok`,
      `${randomUUID()},ORIGINAL,${partnerAccount},${SAMPLE_SKU},AWS,2025-06-03T10:00:00.000Z,2025-06-03T11:00:00.000Z,1,${roomId},/a\u0000b`,
    ].join('\n');
    const imported = await importCsv(t, '/v1/usage/imports', csv).expect(201);
    expect(imported.body).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
    expect(imported.body.problems).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'unstorable_text',
        field: 'usage_metadata.notebook_path',
      }),
    ]);
  });

  it('tells apart two keys whose id and type read the same once joined with a slash', async () => {
    const { partnerAccount, roomId } = await world(t);
    const id = randomUUID();
    const record = (recordId: string, recordType: string) =>
      usageRow({
        record_id: recordId,
        record_type: recordType,
        account_id: partnerAccount,
        usage_metadata: { central_clean_room_id: roomId },
      });
    // (`<id>/X`, `Y`) and (`<id>`, `X/Y`): two records, not one sent twice.
    const answer = await post([record(`${id}/X`, 'Y'), record(id, 'X/Y')]).expect(200);
    expect(answer.body).toMatchObject({ accepted: 2, duplicates: 0, conflicts: 0 });
    const again = await post([record(id, 'X/Y')]).expect(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('refuses prices and clean-room events holding text PostgreSQL cannot store, row by row', async () => {
    const price = (sku: string) => ({
      price_start_time: '2025-01-01T00:00:00Z',
      sku_name: sku,
      cloud: 'AWS',
      currency_code: 'USD',
      'pricing.default': '0.35',
    });
    const prices = await t.http
      .post('/v1/prices')
      .set(t.auth())
      .send({ prices: [price(`SKU_${randomUUID()}`), price('SKU_\u0000')] })
      .expect(200);
    expect(prices.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(prices.body.problems).toEqual([
      expect.objectContaining({
        index: 1,
        recordId: null,
        code: 'unstorable_text',
        field: 'sku_name',
      }),
    ]);

    const roomId = randomUUID();
    const events = await t.http
      .post('/v1/clean-room-events')
      .set(t.auth())
      .send({
        events: [
          runEvent(roomId, 'STARTED', 'run-1', '2025-06-03T10:00:00.000Z'),
          runEvent(roomId, 'STARTED', 'run-\ud800', '2025-06-03T10:00:00.000Z'),
        ],
      })
      .expect(200);
    expect(events.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(events.body.problems).toEqual([
      expect.objectContaining({ index: 1, code: 'unstorable_text' }),
    ]);
  });

  it('rejects invalid records with a code and goes on with the valid ones', async () => {
    const { partnerAccount, roomId } = await world(t);
    const good = usageRow({
      record_id: randomUUID(),
      account_id: partnerAccount,
      usage_metadata: { central_clean_room_id: roomId },
    });
    const response = await post([
      good,
      { ...good, record_id: '' },
      { ...good, record_id: randomUUID(), usage_quantity: 'lots' },
      { ...good, record_id: randomUUID(), usage_quantity: '123456789012345678901.5' },
      { ...good, record_id: randomUUID(), usage_end_time: '2025-06-03T09:00:00.000Z' },
      { ...good, record_id: randomUUID(), usage_start_time: '03/06/2025 10:00' },
    ]).expect(200);
    expect(response.body).toMatchObject({ received: 6, accepted: 1, rejected: 5 });
    expect(
      response.body.problems.map((p: { index: number; code: string }) => `${p.index}:${p.code}`),
    ).toEqual([
      '1:missing_record_id',
      '2:invalid_quantity',
      '3:quantity_out_of_range',
      '4:end_before_start',
      '5:invalid_timestamp',
    ]);
  });

  it('accepts flattened rows with dotted names and the space-separated timestamp form', async () => {
    const { partnerAccount, roomId } = await world(t);
    // Sent as raw text: the quantity is a JSON number with 19 significant digits.
    const body = `{"records": [{
      "record_id": "${randomUUID()}", "record_type": "ORIGINAL", "account_id": "${partnerAccount}",
      "sku_name": "${SAMPLE_SKU}", "cloud": "aws",
      "usage_start_time": "2025-06-04 10:00:00.000+00:00", "usage_end_time": "2025-06-04 11:00:00.000+00:00",
      "usage_unit": "DBU", "usage_quantity": 1.123456789012345678,
      "usage_metadata.central_clean_room_id": "${roomId.toUpperCase()}",
      "billing_origin_product": "CLEAN_ROOM", "some_new_column": "kept"
    }]}`;
    const response = await t.http
      .post('/v1/usage')
      .set(t.auth())
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(200);
    expect(response.body).toMatchObject({ accepted: 1, quarantined: 0, rejected: 0 });
    // The JSON number kept all 18 decimals (a float would have stopped at 1.1234567890123457).
    expect((await daily(roomId))[0].dbu).toBe('1.123456789012345678');
  });

  it('moves usage to another room with a retraction and a restatement', async () => {
    const { partnerAccount, roomId: roomA, customerId } = await world(t);
    const roomB = (await createRoom(t, customerId, { ownerSince: '2025-01-01T00:00:00.000Z' })).id;
    const id = randomUUID();
    const original = usageRow({
      record_id: id,
      account_id: partnerAccount,
      usage_quantity: '3.2',
      usage_metadata: { central_clean_room_id: roomA },
    });
    await post([original]).expect(200);
    expect((await daily(roomA))[0].dbu).toBe('3.2');

    const corrected = await post([
      {
        ...original,
        record_type: 'RETRACTION',
        usage_quantity: '-3.2',
        ingestion_date: '2025-06-06',
      },
      {
        ...original,
        record_type: 'RESTATEMENT',
        usage_quantity: '3.0',
        usage_metadata: { central_clean_room_id: roomB },
        ingestion_date: '2025-06-06',
      },
    ]).expect(200);
    expect(corrected.body).toMatchObject({ accepted: 2, duplicates: 0, conflicts: 0 });

    expect(await daily(roomA)).toEqual([
      expect.objectContaining({ dbu: '0', listCost: '0', records: 2 }),
    ]);
    expect(await daily(roomB)).toEqual([
      expect.objectContaining({ dbu: '3', listCost: '1.05', records: 1 }),
    ]);
  });

  it('quarantines what it cannot attribute and resolves it when the mapping is registered', async () => {
    const customer = await createCustomer(t);
    const roomId = randomUUID();
    const account = randomUUID();
    const row = usageRow({
      record_id: randomUUID(),
      account_id: account,
      usage_quantity: '4',
      usage_metadata: { central_clean_room_id: roomId },
    });
    const ingested = await post([row]).expect(200);
    expect(ingested.body).toMatchObject({ received: 1, accepted: 0, quarantined: 1 });
    expect(ingested.body.problems).toEqual([
      expect.objectContaining({ outcome: 'quarantined', code: 'unknown_room' }),
    ]);

    const quarantine = async () =>
      (await t.http.get('/v1/usage/quarantine').query({ roomId }).set(t.auth()).expect(200)).body;
    expect((await quarantine()).data).toEqual([
      expect.objectContaining({
        recordId: row.record_id,
        reason: 'unknown_room',
        usageQuantity: '4',
      }),
    ]);

    // Registering the room resolves the room; the trigger is still unknown.
    await t.http
      .post('/v1/rooms')
      .set(t.auth())
      .send({ id: roomId, name: 'late room', customerId: customer.id })
      .expect(201);
    expect((await quarantine()).data).toEqual([
      expect.objectContaining({ reason: 'unknown_trigger', customerId: customer.id }),
    ]);

    // Registering the billed account as the customer's: attributed, customer-triggered.
    await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value: account, party: 'customer', customerId: customer.id })
      .expect(201);
    const after = await quarantine();
    expect(after.data).toEqual([]);
    expect(after.totals).toEqual([]);
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({
        customerId: customer.id,
        trigger: 'customer',
        dbu: '4',
        listCost: '1.4',
        partnerCost: '0',
      }),
    ]);
  });

  it('quarantines usage with no price in force and prices it when the price arrives', async () => {
    const { partnerAccount, roomId } = await world(t);
    const sku = `TEST_SKU_${randomUUID().slice(0, 8).toUpperCase()}`;
    const row = usageRow({
      record_id: randomUUID(),
      account_id: partnerAccount,
      sku_name: sku,
      usage_quantity: '10',
      usage_metadata: { central_clean_room_id: roomId },
    });
    expect((await post([row]).expect(200)).body.problems).toEqual([
      expect.objectContaining({ code: 'no_price' }),
    ]);
    await t.http
      .post('/v1/prices')
      .set(t.auth())
      .send({
        prices: [
          {
            price_start_time: '2025-06-01T00:00:00Z',
            sku_name: sku,
            cloud: 'AWS',
            currency_code: 'USD',
            'pricing.default': '0.45',
          },
        ],
      })
      .expect(200);
    await t.http
      .post('/v1/partner-discounts')
      .set(t.auth())
      .send({ rate: '0.2', effectiveFrom: '2030-01-01T00:00:00Z' })
      .expect(201);
    expect(await daily(roomId)).toEqual([
      expect.objectContaining({ skuName: sku, dbu: '10', listCost: '4.5', partnerCost: '4.5' }),
    ]);
  });

  it('refuses more than 10,000 records in one request with 413', async () => {
    const records = Array.from({ length: 10_001 }, (_, i) => ({ record_id: `r${i}` }));
    const response = await post(records).expect(413);
    expect(response.body).toMatchObject({ status: 413, code: 'too_many_records' });
  });

  it('reports malformed CSV lines by number and imports the rest', async () => {
    const { partnerAccount, roomId } = await world(t);
    const header =
      'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';
    const line = (id: string, quantity: string) =>
      `${id},ORIGINAL,${partnerAccount},${SAMPLE_SKU},AWS,2025-06-05T10:00:00.000Z,2025-06-05T11:00:00.000Z,DBU,${quantity},${roomId},CLEAN_ROOM`;
    const csv = [
      header,
      line(randomUUID(), '1.5'),
      'only,three,fields',
      line(randomUUID(), 'NaN'),
      `${line(randomUUID(), '2')},extra-field`,
      line(randomUUID(), '0.25'),
      '',
    ].join('\n');
    const response = await importCsv(t, '/v1/usage/imports', csv).expect(201);
    expect(response.body).toMatchObject({ status: 'completed', accepted: 2, rejected: 3 });
    expect(
      response.body.problems.map((p: { line: number; code: string }) => `${p.line}:${p.code}`),
    ).toEqual(['3:malformed_csv', '4:invalid_quantity', '5:malformed_csv']);
    expect((await daily(roomId))[0].dbu).toBe('1.75');
  });

  it('names every line an unbalanced quote swallows, so a broken file never looks short', async () => {
    const { partnerAccount, roomId } = await world(t);
    const header =
      'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';
    const line = (id: string, sku = SAMPLE_SKU) =>
      `${id},ORIGINAL,${partnerAccount},${sku},AWS,2025-06-06T10:00:00.000Z,2025-06-06T11:00:00.000Z,DBU,1,${roomId},CLEAN_ROOM`;
    const csv = [
      header,
      line(randomUUID()),
      line(randomUUID(), `"${SAMPLE_SKU}" x`),
      line(randomUUID()),
      line(randomUUID()),
    ].join('\n');
    const response = await importCsv(t, '/v1/usage/imports', csv).expect(201);
    expect(response.body).toMatchObject({ accepted: 1, rejected: 3 });
    expect(response.body.problems).toEqual([
      // The parser stayed inside the quote opened on line 3 up to the end of the file.
      expect.objectContaining({
        line: 3,
        code: 'malformed_csv_lines',
        message: expect.stringMatching(/^Lines 3–5 could not be read \(InvalidQuotes: /),
      }),
    ]);
  });

  it('refuses an upload that is not CSV', async () => {
    const response = await t.http
      .post('/v1/usage/imports')
      .set(t.auth())
      .send({ records: [] })
      .expect(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });

  it('refuses ingestion to a key without the ingest scope', async () => {
    const key = (
      await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'f', scopes: ['finance'] })
        .expect(201)
    ).body.secret;
    await t.http.post('/v1/usage').set(t.auth(key)).send({ records: [] }).expect(403);
  });
});
