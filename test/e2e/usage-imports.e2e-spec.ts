import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  HEARTBEAT_EVERY_MS,
  ImportLiveness,
} from '../../src/modules/usage/imports/import-liveness';
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
    // What a process that died after its first batch leaves behind, and one that died before.
    const dead = await imports.start('usage', uniqueTag('dead.csv'), start);
    const counts = { ...emptyCounts(), accepted: 4_990, rejected: 10 };
    await dataSource.transaction((manager) =>
      imports.progress(manager, dead, 5_001, counts, [], start),
    );
    const deadEarly = await imports.start('usage', uniqueTag('dead-early.csv'), start);
    // One still going in another process: it beats while a batch waits.
    const beating = await imports.start('usage', uniqueTag('beating.csv'), start);
    // One this process runs, whose beats do not get through: this process knows it is alive.
    const ownSilent = await imports.start('usage', uniqueTag('own.csv'), start);
    const stopOwn = t.app.get(ImportLiveness).keepAlive(ownSilent);

    try {
      clock.set(later(4));
      await imports.beat(beating, clock.now());
      // Four minutes of silence is not yet death.
      expect(await sweep.sweep()).toBe(0);

      clock.set(later(6));
      expect(await sweep.sweep()).toBe(2);
      expect(await sweep.sweep()).toBe(0);
    } finally {
      stopOwn();
    }

    const since = `no sign of the process running the import since ${start.toISOString().slice(0, 19)}Z`;
    const deadNow = await t.http.get(`/v1/usage/imports/${dead}`).set(t.auth()).expect(200);
    expect(deadNow.body).toMatchObject({
      status: 'failed',
      lines: 5_001,
      accepted: 4_990,
      rejected: 10,
      finishedAt: later(6).toISOString(),
      error:
        `Interrupted: ${since} (it stopped, or could not reach the database), when the furthest ` +
        'batch it stored ended at line 5001. The batches it stored are kept and counted. Send the ' +
        'file again to import the rest (stored records come back as duplicates).',
    });
    const deadEarlyNow = await t.http
      .get(`/v1/usage/imports/${deadEarly}`)
      .set(t.auth())
      .expect(200);
    expect(deadEarlyNow.body).toMatchObject({
      status: 'failed',
      lines: 0,
      accepted: 0,
      error:
        `Interrupted: ${since} (it stopped, or could not reach the database), before it stored ` +
        'any batch. Send the file again to import the rest (stored records come back as duplicates).',
    });
    for (const id of [beating, ownSilent]) {
      const running = await t.http.get(`/v1/usage/imports/${id}`).set(t.auth()).expect(200);
      expect(running.body).toMatchObject({ status: 'running', finishedAt: null });
      await imports.finish(id, 'completed', null, clock.now());
    }
  });

  it('beats while an import runs; a batch of an import marked failed meanwhile is refused with 409', async () => {
    const csv = await usageFile(t, 6_000);
    const fileName = uniqueTag('swept.csv');
    const liveness = t.app.get(ImportLiveness);
    const start = imports.start.bind(imports);
    jest.spyOn(imports, 'start').mockImplementation(async (kind, name, at) => {
      const id = await start(kind, name, at);
      // Another replica takes the import for dead at once, as if its heartbeats had not got through.
      await imports.failSilent(new Date(at.getTime() + 60_000), at, []);
      return id;
    });
    const progress = imports.progress.bind(imports);
    const aliveWhileStoring: string[][] = [];
    jest.spyOn(imports, 'progress').mockImplementation((...args) => {
      aliveWhileStoring.push(liveness.alive());
      return progress(...args);
    });

    const response = await importCsv(t, `/v1/usage/imports?fileName=${fileName}`, csv).expect(409);
    expect(response.body).toMatchObject({ code: 'import_interrupted' });

    const swept = await importOf(fileName);
    expect(aliveWhileStoring.length).toBeGreaterThan(0);
    for (const alive of aliveWhileStoring) expect(alive).toContain(swept.id);
    expect(liveness.alive()).not.toContain(swept.id);
    // No batch was stored after it was marked failed, and the run's own end did not undo that.
    expect(swept).toMatchObject({ status: 'failed', accepted: 0, lines: 0 });
    expect(swept.error).toMatch(/^Interrupted: /);
    expect(await storedOf(swept.id)).toBe(0);
  });

  it('keeps a running import alive while it runs, and lets it go when it ends', () => {
    const liveness = t.app.get(ImportLiveness);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const beats: Date[] = [];
      jest.spyOn(imports, 'beat').mockImplementation((_id, at) => {
        beats.push(at);
        return Promise.resolve();
      });
      const id = randomUUID();
      const stop = liveness.keepAlive(id);
      expect(liveness.alive()).toContain(id);
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 3);
      expect(beats).toHaveLength(3);
      stop();
      expect(liveness.alive()).not.toContain(id);
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 3);
      expect(beats).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
