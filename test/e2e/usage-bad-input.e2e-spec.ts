import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  importCsv,
  priceSampleSku,
  runEvent,
  SAMPLE_SKU,
  usageRow,
} from '../support/databricks-fixtures';
import { createCustomer, createRoom, registerIdentity } from '../support/factories';
import { incompressible, withBytes } from '../support/raw-bytes';
import { startTestApp, TestApp } from '../support/test-app';

/** Where a test puts the bytes that are not UTF-8. */
const BAD = '@@not-utf8@@';
/** Longer than any limit, and varied enough that PostgreSQL cannot compress it into an index. */
const POISON = 9_000;

const USAGE_HEADER =
  'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';

describe('bad input never costs good input', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    await priceSampleSku(t);
  });
  afterAll(() => t.close());

  /** A partner account and a room of a fresh customer, so stored rows are attributed. */
  async function world() {
    const account = randomUUID();
    const customer = await createCustomer(t);
    const room = await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' });
    await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });
    return { account, roomId: room.id };
  }

  // Sent as the bytes given: superagent would otherwise serialise a Buffer as JSON.
  const postJson = (path: string, body: Buffer) =>
    t.http
      .post(path)
      .set(t.auth())
      .set('Content-Type', 'application/json')
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(body);

  const importBytes = (path: string, body: Buffer) =>
    t.http.post(path).set(t.auth()).set('Content-Type', 'text/csv').send(body);

  const countWhere = async (sql: string, parameter: string) => {
    const [{ count }]: { count: string }[] = await dataSource.query(sql, [parameter]);
    return Number(count);
  };
  const usageRowsLike = (prefix: string) =>
    countWhere(`SELECT count(*) FROM usage_records WHERE record_id LIKE $1 || '%'`, prefix);

  const usageLine = (
    account: string,
    fields: { id: string; type?: string; sku?: string; room: string },
  ) =>
    [
      fields.id,
      fields.type ?? 'ORIGINAL',
      account,
      fields.sku ?? SAMPLE_SKU,
      'AWS',
      '2025-06-03T10:00:00.000Z',
      '2025-06-03T11:00:00.000Z',
      'DBU',
      '1',
      fields.room,
      'CLEAN_ROOM',
    ].join(',');

  describe('a field over its length limit', () => {
    it('refuses a JSON usage record with a 9,000-character room id, record type or SKU on its own; the others are stored', async () => {
      const { account, roomId } = await world();
      const prefix = randomUUID();
      const record = (suffix: string, overrides: Record<string, unknown> = {}) =>
        usageRow({
          record_id: `${prefix}-${suffix}`,
          account_id: account,
          usage_metadata: { central_clean_room_id: roomId },
          ...overrides,
        });
      const answer = await t.http
        .post('/v1/usage')
        .set(t.auth())
        .send({
          records: [
            record('good'),
            record('room', { usage_metadata: { central_clean_room_id: incompressible(POISON) } }),
            record('type', { record_type: incompressible(POISON) }),
            record('sku', { sku_name: incompressible(POISON) }),
            record('also-good'),
          ],
        })
        .expect(200);

      expect(answer.body).toMatchObject({ received: 5, accepted: 2, rejected: 3 });
      expect(answer.body.problems).toEqual([
        expect.objectContaining({
          index: 1,
          recordId: `${prefix}-room`,
          outcome: 'rejected',
          code: 'field_too_long',
          field: 'usage_metadata.central_clean_room_id',
        }),
        expect.objectContaining({ index: 2, code: 'field_too_long', field: 'record_type' }),
        expect.objectContaining({ index: 3, code: 'field_too_long', field: 'sku_name' }),
      ]);
      expect(await usageRowsLike(prefix)).toBe(2);
    });

    it('refuses those lines of a CSV import on their own; the import completes with the others', async () => {
      const { account, roomId } = await world();
      const prefix = randomUUID();
      const csv = [
        USAGE_HEADER,
        usageLine(account, { id: `${prefix}-good`, room: roomId }),
        usageLine(account, { id: `${prefix}-room`, room: incompressible(POISON) }),
        usageLine(account, { id: `${prefix}-type`, type: incompressible(POISON), room: roomId }),
        usageLine(account, { id: `${prefix}-sku`, sku: incompressible(POISON), room: roomId }),
        usageLine(account, { id: `${prefix}-also-good`, room: roomId }),
      ].join('\n');

      const imported = await importCsv(t, '/v1/usage/imports', csv).expect(201);

      expect(imported.body).toMatchObject({
        status: 'completed',
        lines: 6,
        accepted: 2,
        rejected: 3,
      });
      expect(imported.body.problems).toEqual([
        expect.objectContaining({
          line: 3,
          recordId: `${prefix}-room`,
          code: 'field_too_long',
          field: 'usage_metadata.central_clean_room_id',
        }),
        expect.objectContaining({ line: 4, code: 'field_too_long', field: 'record_type' }),
        expect.objectContaining({ line: 5, code: 'field_too_long', field: 'sku_name' }),
      ]);
      expect(await usageRowsLike(prefix)).toBe(2);
    });

    it('refuses a record id over the limit without echoing it, and stores one just within it', async () => {
      const { account, roomId } = await world();
      const within = `${randomUUID()}-${'x'.repeat(512 - 37)}`;
      const answer = await t.http
        .post('/v1/usage')
        .set(t.auth())
        .send({
          records: [
            usageRow({
              record_id: within,
              account_id: account,
              usage_metadata: { central_clean_room_id: roomId },
            }),
            usageRow({ record_id: `${within}y`, account_id: account }),
          ],
        })
        .expect(200);
      expect(answer.body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(answer.body.problems).toEqual([
        expect.objectContaining({
          index: 1,
          recordId: null,
          code: 'field_too_long',
          field: 'record_id',
        }),
      ]);
    });

    it('refuses a list price with a 9,000-character SKU on its own, as JSON and in a CSV import', async () => {
      const price = (sku: string) => ({
        price_start_time: '2025-01-01T00:00:00Z',
        sku_name: sku,
        cloud: 'AWS',
        currency_code: 'USD',
        'pricing.default': '0.35',
      });
      const good = `SKU_${randomUUID()}`;
      const answer = await t.http
        .post('/v1/prices')
        .set(t.auth())
        .send({ prices: [price(incompressible(POISON)), price(good)] })
        .expect(200);
      expect(answer.body).toMatchObject({ received: 2, accepted: 1, rejected: 1 });
      expect(answer.body.problems).toEqual([
        expect.objectContaining({ index: 0, code: 'field_too_long', field: 'sku_name' }),
      ]);

      const csvGood = `SKU_${randomUUID()}`;
      const csv = [
        'price_start_time,sku_name,cloud,currency_code,usage_unit,pricing.default',
        `2025-01-01T00:00:00.000Z,${incompressible(POISON)},AWS,USD,DBU,0.35`,
        `2025-01-01T00:00:00.000Z,${csvGood},AWS,USD,${incompressible(POISON)},0.35`,
        `2025-01-01T00:00:00.000Z,${csvGood},AWS,USD,DBU,0.35`,
      ].join('\n');
      const imported = await importCsv(t, '/v1/prices/imports', csv).expect(201);
      expect(imported.body).toMatchObject({ status: 'completed', accepted: 1, rejected: 2 });
      expect(imported.body.problems).toEqual([
        expect.objectContaining({ line: 2, code: 'field_too_long', field: 'sku_name' }),
        expect.objectContaining({ line: 3, code: 'field_too_long', field: 'usage_unit' }),
      ]);
      expect(
        await countWhere('SELECT count(*) FROM list_prices WHERE sku_name = $1', csvGood),
      ).toBe(1);
    });

    it('refuses a clean-room event with a 9,000-character id or room on its own, as JSON and in a CSV import', async () => {
      const roomId = randomUUID();
      const good = runEvent(roomId, 'STARTED', 'run-1', '2025-06-03T10:00:00.000Z');
      const answer = await t.http
        .post('/v1/clean-room-events')
        .set(t.auth())
        .send({
          events: [
            { ...good, event_id: incompressible(POISON) },
            good,
            { ...good, event_id: randomUUID(), central_clean_room_id: incompressible(POISON) },
          ],
        })
        .expect(200);
      expect(answer.body).toMatchObject({ received: 3, accepted: 1, rejected: 2 });
      expect(answer.body.problems).toEqual([
        expect.objectContaining({
          index: 0,
          recordId: null,
          code: 'field_too_long',
          field: 'event_id',
        }),
        expect.objectContaining({
          index: 2,
          code: 'field_too_long',
          field: 'central_clean_room_id',
        }),
      ]);

      const csvRoom = randomUUID();
      const line = (eventId: string, room: string, runId: string) =>
        `${eventId},${room},2025-06-03T10:00:00.000Z,RUN_NOTEBOOK_STARTED,${runId}`;
      const csv = [
        'event_id,central_clean_room_id,event_time,event_type,run_notebook_started_metadata.run_id',
        line(randomUUID(), csvRoom, incompressible(POISON)),
        line(randomUUID(), csvRoom, 'run-1'),
      ].join('\n');
      const imported = await importCsv(t, '/v1/clean-room-events/imports', csv).expect(201);
      expect(imported.body).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
      expect(imported.body.problems).toEqual([
        expect.objectContaining({
          line: 2,
          code: 'field_too_long',
          field: 'run_notebook_started_metadata.run_id',
        }),
      ]);
    });
  });

  describe('bytes that are not UTF-8', () => {
    it('refuses a re-sent JSON usage record whose id carries them, by index, instead of storing a new record', async () => {
      const { account, roomId } = await world();
      const prefix = randomUUID();
      const record = (recordId: string) =>
        usageRow({
          record_id: recordId,
          account_id: account,
          usage_metadata: { central_clean_room_id: roomId },
        });
      await t.http
        .post('/v1/usage')
        .set(t.auth())
        .send({ records: [record(`${prefix}-original`)] })
        .expect(200);

      // The same record again, its id damaged on the way, beside a new one.
      const body = JSON.stringify({
        records: [record(`${prefix}-new`), record(`${prefix}-${BAD}`)],
      });
      const answer = await postJson('/v1/usage', withBytes(body, BAD)).expect(200);

      expect(answer.body).toMatchObject({ received: 2, accepted: 1, rejected: 1 });
      expect(answer.body.problems).toEqual([
        expect.objectContaining({
          index: 1,
          recordId: null,
          outcome: 'rejected',
          code: 'invalid_encoding',
        }),
      ]);
      expect(await usageRowsLike(prefix)).toBe(2);
      expect(
        await countWhere(
          `SELECT count(*) FROM usage_records WHERE record_id = $1`,
          `${prefix}-new`,
        ),
      ).toBe(1);
    });

    it('refuses a re-sent CSV line whose id carries them, by line number; the rest of the file is stored', async () => {
      const { account, roomId } = await world();
      const prefix = randomUUID();
      const first = [USAGE_HEADER, usageLine(account, { id: `${prefix}-original`, room: roomId })];
      await importCsv(t, '/v1/usage/imports', first.join('\n')).expect(201);

      const again = [
        USAGE_HEADER,
        usageLine(account, { id: `${prefix}-new`, room: roomId }),
        usageLine(account, { id: `${prefix}-${BAD}`, room: roomId }),
        usageLine(account, { id: `${prefix}-newer`, room: roomId }),
      ].join('\n');
      const imported = await importBytes('/v1/usage/imports', withBytes(again, BAD)).expect(201);

      expect(imported.body).toMatchObject({ status: 'completed', accepted: 2, rejected: 1 });
      expect(imported.body.problems).toEqual([
        expect.objectContaining({
          line: 3,
          recordId: null,
          code: 'invalid_encoding',
          field: 'record_id',
        }),
      ]);
      expect(await usageRowsLike(prefix)).toBe(3);
    });

    it('refuses with 400 invalid_encoding a body that is parsed whole', async () => {
      // Another shape than {"records": [...]} (the key twice) is parsed whole, as before.
      const usage = withBytes(`{"records": [], "records": [{"record_id": "r-${BAD}"}]}`, BAD);
      const refused = await postJson('/v1/usage', usage).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 400, code: 'invalid_encoding' });

      // Any other JSON route.
      const identity = withBytes(
        JSON.stringify({ kind: 'account', value: `acct-${BAD}`, party: 'partner' }),
        BAD,
      );
      const other = await postJson('/v1/identities', identity).expect(400);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(other.body).toMatchObject({ status: 400, code: 'invalid_encoding' });
    });

    it('refuses list prices and clean-room events carrying them, row by row, as JSON and CSV', async () => {
      const price = (sku: string) =>
        JSON.stringify({
          price_start_time: '2025-01-01T00:00:00Z',
          sku_name: sku,
          cloud: 'AWS',
          currency_code: 'USD',
          'pricing.default': '0.35',
        });
      const sku = `SKU_${randomUUID()}`;
      const prices = await postJson(
        '/v1/prices',
        withBytes(`{"prices": [${price(`${sku}-${BAD}`)}, ${price(sku)}]}`, BAD),
      ).expect(200);
      expect(prices.body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(prices.body.problems).toEqual([
        expect.objectContaining({ index: 0, code: 'invalid_encoding' }),
      ]);

      const csvSku = `SKU_${randomUUID()}`;
      const pricesCsv = [
        'price_start_time,sku_name,cloud,currency_code,pricing.default',
        `2025-01-01T00:00:00.000Z,${csvSku}${BAD},AWS,USD,0.35`,
        `2025-01-01T00:00:00.000Z,${csvSku},AWS,USD,0.35`,
      ].join('\n');
      const importedPrices = await importBytes(
        '/v1/prices/imports',
        withBytes(pricesCsv, BAD),
      ).expect(201);
      expect(importedPrices.body).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
      expect(importedPrices.body.problems).toEqual([
        expect.objectContaining({ line: 2, code: 'invalid_encoding', field: 'sku_name' }),
      ]);

      const roomId = randomUUID();
      const event = (runId: string) =>
        JSON.stringify(runEvent(roomId, 'STARTED', runId, '2025-06-03T10:00:00.000Z'));
      const events = await postJson(
        '/v1/clean-room-events',
        withBytes(`{"events": [${event('run-1')}, ${event(`run-${BAD}`)}]}`, BAD),
      ).expect(200);
      expect(events.body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(events.body.problems).toEqual([
        expect.objectContaining({ index: 1, code: 'invalid_encoding' }),
      ]);

      const eventsCsv = [
        'event_id,central_clean_room_id,event_time,event_type,clean_room_name',
        `${randomUUID()},${roomId},2025-06-03T10:00:00.000Z,CLEAN_ROOM_CREATED,name-${BAD}`,
        `${randomUUID()},${roomId},2025-06-03T10:00:00.000Z,CLEAN_ROOM_CREATED,name`,
      ].join('\n');
      const importedEvents = await importBytes(
        '/v1/clean-room-events/imports',
        withBytes(eventsCsv, BAD),
      ).expect(201);
      expect(importedEvents.body).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
      expect(importedEvents.body.problems).toEqual([
        expect.objectContaining({ line: 2, code: 'invalid_encoding', field: 'clean_room_name' }),
      ]);
    });
  });
});
