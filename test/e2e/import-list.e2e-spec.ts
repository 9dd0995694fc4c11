import { randomUUID } from 'node:crypto';
import { ImportsRepository } from '../../src/modules/usage/imports/imports.repository';
import { importCsv, priceSampleSku, SAMPLE_SKU } from '../support/databricks-fixtures';
import {
  createCustomer,
  createKey,
  createRoom,
  registerIdentity,
  uniqueTag,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface Listed {
  id: string;
  kind: string;
  status: string;
  fileName: string | null;
}

describe('GET /v1/usage/imports', () => {
  let t: TestApp;
  let imports: ImportsRepository;
  /** This file's imports, oldest first. */
  const mine: { id: string; kind: string; status: string }[] = [];
  let usageImport: Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    imports = t.app.get(ImportsRepository);
    await priceSampleSku(t);
    const account = randomUUID();
    const customer = await createCustomer(t);
    const room = await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' });
    await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });

    // A usage import of two attributable lines, through the API.
    const header =
      'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';
    const line = () =>
      `${randomUUID()},ORIGINAL,${account},${SAMPLE_SKU},AWS,2025-06-05T10:00:00.000Z,2025-06-05T11:00:00.000Z,DBU,0.5,${room.id},CLEAN_ROOM`;
    const usageName = uniqueTag('listed-usage.csv');
    const imported = await importCsv(
      t,
      `/v1/usage/imports?fileName=${usageName}`,
      [header, line(), line()].join('\n'),
    ).expect(201);
    usageImport = imported.body as Record<string, unknown>;
    mine.push({ id: usageImport.id as string, kind: 'usage', status: 'completed' });

    // A price import of one price, through the API.
    const prices = await importCsv(
      t,
      `/v1/prices/imports?fileName=${uniqueTag('listed-prices.csv')}`,
      `price_start_time,sku_name,cloud,currency_code,pricing.default\n2025-01-01T00:00:00Z,${SAMPLE_SKU}_LISTED_${randomUUID().slice(0, 8)},AWS,USD,0.3\n`,
    ).expect(201);
    mine.push({ id: prices.body.id as string, kind: 'prices', status: 'completed' });

    // An events import still running, and a usage import that failed, as the service records them.
    const running = await imports.start('events', uniqueTag('listed-events.csv'), new Date());
    mine.push({ id: running, kind: 'events', status: 'running' });
    const failed = await imports.start('usage', uniqueTag('listed-failed.csv'), new Date());
    await imports.finish(failed, 'failed', 'Stopped after line 1', new Date());
    mine.push({ id: failed, kind: 'usage', status: 'failed' });
  });
  afterAll(async () => {
    // The running import is this file's own: it is closed so no sweep takes it for dead later.
    await imports.finish(mine[2].id, 'failed', 'test over', new Date());
    await t.close();
  });

  /** Every page of the list under `query`, following nextCursor, until this file's imports are read. */
  const walk = async (query: Record<string, string | number>) => {
    const seen: Listed[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const response = await t.http
        .get('/v1/usage/imports')
        .query(cursor === undefined ? query : { ...query, cursor })
        .set(t.auth())
        .expect(200);
      const { data, nextCursor } = response.body as { data: Listed[]; nextCursor: string | null };
      expect(data.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
      seen.push(...data);
      if (nextCursor === null) break;
      cursor = nextCursor;
    }
    return seen;
  };

  it('lists imports of every kind, newest first, two a page, each once', async () => {
    const seen = await walk({ limit: 2 });
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Other test files import meanwhile: among everything listed, this file's four are there,
    // the last one made first.
    expect(ids.filter((id) => mine.some((m) => m.id === id))).toEqual(
      [...mine].reverse().map((m) => m.id),
    );
  });

  it('shows an import with its counts, without its problems', async () => {
    const { data } = (
      await t.http.get('/v1/usage/imports').query({ kind: 'usage', limit: 200 }).set(t.auth())
    ).body as { data: Record<string, unknown>[] };
    const listed = data.find((item) => item.id === usageImport.id);
    // Two lines of data, both attributed: 3 lines read with the header.
    expect(listed).toEqual({
      id: usageImport.id,
      kind: 'usage',
      status: 'completed',
      fileName: usageImport.fileName,
      lines: 3,
      accepted: 2,
      updated: 0,
      duplicates: 0,
      conflicts: 0,
      quarantined: 0,
      rejected: 0,
      excluded: 0,
      error: null,
      startedAt: usageImport.startedAt,
      finishedAt: usageImport.finishedAt,
    });
  });

  it('filters by kind and by status', async () => {
    const runningEvents = await walk({ kind: 'events', status: 'running', limit: 200 });
    expect(runningEvents.every((i) => i.kind === 'events' && i.status === 'running')).toBe(true);
    expect(runningEvents.map((i) => i.id)).toContain(mine[2].id);

    const failedUsage = await walk({ kind: 'usage', status: 'failed', limit: 200 });
    expect(failedUsage.every((i) => i.kind === 'usage' && i.status === 'failed')).toBe(true);
    const failedIds = failedUsage.map((i) => i.id);
    expect(failedIds).toContain(mine[3].id);
    expect(failedIds).not.toContain(mine[0].id);

    const prices = await walk({ kind: 'prices', limit: 200 });
    expect(prices.every((i) => i.kind === 'prices')).toBe(true);
    expect(prices.map((i) => i.id)).toContain(mine[1].id);
  });

  it('refuses an unknown kind, status or cursor', async () => {
    for (const query of [{ kind: 'invoices' }, { status: 'done' }, { cursor: 'nonsense' }]) {
      const response = await t.http.get('/v1/usage/imports').query(query).set(t.auth());
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: Object.keys(query)[0] }),
      ]);
    }
  });

  it('answers the ingest and finance scopes, and no partner or customer key', async () => {
    const customer = await createCustomer(t);
    for (const [scopes, status] of [
      [['ingest'], 200],
      [['finance'], 200],
      [['partner'], 403],
    ] as const) {
      const key = await createKey(t, [...scopes]);
      await t.http.get('/v1/usage/imports').set(t.auth(key)).expect(status);
    }
    const customerKey = await createKey(t, ['customer'], customer.id);
    await t.http.get('/v1/usage/imports').set(t.auth(customerKey)).expect(403);
  });
});
