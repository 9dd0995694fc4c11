import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HEARTBEAT_EVERY_MS, keepAlive } from '../../src/modules/usage/imports/import-liveness';
import { ImportsRepository } from '../../src/modules/usage/imports/imports.repository';
import { SilentImportsSweep } from '../../src/modules/usage/imports/silent-imports.sweep';
import { emptyCounts } from '../../src/modules/usage/ingestion/ingest-outcome';
import { ControllableClock } from '../../src/shared/time/clock';
import { importCsv, priceSampleSku, SAMPLE_SKU } from '../support/databricks-fixtures';
import { createCustomer, createRoom, registerIdentity, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const HEADER =
  'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';

/** `count` attributable usage lines (0.5 DBU each) of a fresh room run by the partner. */
async function usageFile(t: TestApp, count: number): Promise<string> {
  const account = randomUUID();
  const customer = await createCustomer(t);
  const room = await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' });
  await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(2025, 5, 1) + i * 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    lines.push(
      `${randomUUID()},ORIGINAL,${account},${SAMPLE_SKU},AWS,${start.toISOString()},${end.toISOString()},DBU,0.5,${room.id},CLEAN_ROOM`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('usage imports: counts and liveness', () => {
  // Years before any real import's heartbeat: the sweep run here fails only this file's imports,
  // never those of the test files that share the database.
  const clock = new ControllableClock(new Date('2020-01-01T08:00:00.000Z'));
  let t: TestApp;
  let imports: ImportsRepository;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await priceSampleSku(t);
    imports = t.app.get(ImportsRepository);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const importOf = async (fileName: string) => {
    const rows: { id: string }[] = await dataSource.query(
      'SELECT id FROM ingest_imports WHERE file_name = $1',
      [fileName],
    );
    expect(rows).toHaveLength(1);
    return (await t.http.get(`/v1/usage/imports/${rows[0].id}`).set(t.auth()).expect(200)).body;
  };
  const storedOf = async (importId: string) => {
    const [{ count }]: { count: string }[] = await dataSource.query(
      'SELECT count(*) FROM usage_records WHERE import_id = $1',
      [importId],
    );
    return Number(count);
  };

  it('counts a batch in its own transaction: a batch whose count cannot be written is not stored', async () => {
    // 6,000 lines are two batches (5,000 + 1,000); the second count written fails.
    const csv = await usageFile(t, 6_000);
    const fileName = uniqueTag('counted.csv');
    const progress = imports.progress.bind(imports);
    jest
      .spyOn(imports, 'progress')
      .mockImplementationOnce(progress)
      .mockImplementationOnce(() => Promise.reject(new Error('the disk is full')));

    await importCsv(t, `/v1/usage/imports?fileName=${fileName}`, csv).expect(500);

    const failed = await importOf(fileName);
    expect(failed.status).toBe('failed');
    const stored = await storedOf(failed.id);
    // One batch was stored and counted, the other neither.
    expect([1_000, 5_000]).toContain(stored);
    expect(failed.accepted).toBe(stored);

    // Sent again, the file is whole: the stored batch comes back as duplicates, nothing twice.
    jest.restoreAllMocks();
    const again = await importCsv(t, '/v1/usage/imports', csv).expect(201);
    expect(again.body).toMatchObject({
      status: 'completed',
      accepted: 6_000 - stored,
      duplicates: stored,
      rejected: 0,
    });
  });

  it('marks failed an import whose process went silent, with the line it reached and its counts', async () => {
    const start = clock.now();
    const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const sweep = t.app.get(SilentImportsSweep);
    // What a process that died after its first batch leaves behind.
    const dead = await imports.start('usage', uniqueTag('dead.csv'), start);
    const counts = { ...emptyCounts(), accepted: 4_990, rejected: 10 };
    await dataSource.transaction((manager) =>
      imports.progress(manager, dead, 5_001, counts, [], start),
    );
    // And one still going: its process beats while a batch waits.
    const alive = await imports.start('usage', uniqueTag('alive.csv'), start);

    clock.set(later(4));
    await imports.beat(alive, clock.now());
    // Four minutes of silence is not yet death.
    expect(await sweep.sweep()).toBe(0);

    clock.set(later(6));
    expect(await sweep.sweep()).toBe(1);
    expect(await sweep.sweep()).toBe(0);

    const deadNow = await t.http.get(`/v1/usage/imports/${dead}`).set(t.auth()).expect(200);
    expect(deadNow.body).toMatchObject({
      status: 'failed',
      lines: 5_001,
      accepted: 4_990,
      rejected: 10,
      finishedAt: later(6).toISOString(),
    });
    expect(deadNow.body.error).toBe(
      'Interrupted after line 5001: the process running the import stopped (no sign of it since ' +
        `${start.toISOString().slice(0, 19)}Z). The records stored until then are kept and counted; ` +
        'send the file again to import the rest (the stored ones come back as duplicates).',
    );
    const aliveNow = await t.http.get(`/v1/usage/imports/${alive}`).set(t.auth()).expect(200);
    expect(aliveNow.body).toMatchObject({ status: 'running', finishedAt: null });
    await imports.finish(alive, 'completed', null, clock.now());
  });

  it('keeps a running import alive while it runs, and lets it go when it ends', () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const beats: Date[] = [];
      jest.spyOn(imports, 'beat').mockImplementation((_id, at) => {
        beats.push(at);
        return Promise.resolve();
      });
      const stop = keepAlive(imports, randomUUID(), clock);
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 3);
      expect(beats).toHaveLength(3);
      stop();
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 3);
      expect(beats).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
