import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OwedRunsSweep } from '../../src/modules/usage/attribution/owed-runs-sweep';
import { CleanRoomEventsExport } from '../../src/modules/usage/ingestion/exports/clean-room-events.export';
import { ExportPipeline } from '../../src/modules/usage/ingestion/export-pipeline';
import { normalizeCleanRoomEvent } from '../../src/modules/usage/domain/normalize-clean-room-event';
import { CleanRoomEvent } from '../../src/modules/usage/domain/clean-room-event';
import { Positioned } from '../../src/modules/usage/ingestion/ingest-outcome';
import { ImportsRepository } from '../../src/modules/usage/imports/imports.repository';
import { createCustomer, createRoom, registerIdentity } from '../support/factories';
import { importCsv, priceSampleSku, runEvent, usageRow } from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Lines per batch of a CSV import (csv-import.service.ts). */
const BATCH_LINES = 5_000;
/** Two batches of filler: a run's end lands in the third batch, stored only once the first is done. */
const FILLER_LINES = 2 * BATCH_LINES;

const EVENTS_HEADER =
  'event_id,central_clean_room_id,event_time,event_type,initiator_global_metastore_id,run_notebook_started_metadata.run_id,run_notebook_completed_metadata.run_id,run_notebook_completed_metadata.state';

/** Events of other rooms that change no run. */
function fillerEvents(lines: number): string[] {
  return Array.from(
    { length: lines },
    (_, i) =>
      `${randomUUID()},${randomUUID()},2025-06-01T00:00:${String(i % 60).padStart(2, '0')}Z,CLEAN_ROOM_CREATED,,,,`,
  );
}

/**
 * A change of runs owes its rooms' usage a re-attribution, recorded with the runs in each batch's
 * transaction and paid once the request or import has stored its last batch; a debt whose
 * process died before paying it is paid by the sweep.
 */
describe('attribution: re-attribution owed by changes of runs', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let partner: string;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    await priceSampleSku(t);
    partner = `aws:us-east-1:${randomUUID()}`;
    await registerIdentity(t, { kind: 'sharing_identifier', value: partner, party: 'partner' });
  });
  afterAll(() => t.close());

  /** A room of a new customer with one row (no account: the run decides) in each hour given. */
  async function roomWithUsage(hours: string[]) {
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id)).id;
    const records = hours.map((hour) =>
      usageRow({
        record_id: `${roomId}-${hour}`,
        account_id: null,
        usage_start_time: hour,
        usage_end_time: new Date(Date.parse(hour) + 3_600_000).toISOString(),
        usage_date: hour.slice(0, 10),
        usage_quantity: '10',
        usage_metadata: { central_clean_room_id: roomId },
      }),
    );
    const ingested = await t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);
    expect(ingested.body).toMatchObject({ quarantined: hours.length });
    return roomId;
  }

  /** Each row's status and trigger (or quarantine reason), and the transaction that last wrote it. */
  async function rowsOf(roomId: string) {
    const rows: { hour: string; outcome: string; written_by: string }[] = await dataSource.query(
      `SELECT to_char(usage_start_time AT TIME ZONE 'UTC', 'MM-DD HH24') AS hour,
              status || ' ' || coalesce(trigger, reason) AS outcome, xmin::text AS written_by
       FROM usage_records WHERE room_id = $1 ORDER BY usage_start_time`,
      [roomId],
    );
    return rows;
  }

  const owed = (roomId: string) =>
    dataSource.query<{ from_time: Date }[]>(
      `SELECT from_time FROM pending_run_reattributions WHERE room_id = $1 ORDER BY id`,
      [roomId],
    );

  it('pays an import’s debt once, after its last batch: a row only an unfinished run covered is never moved', async () => {
    const roomId = await roomWithUsage(['2025-06-02T08:00:00Z', '2025-06-05T10:00:00Z']);
    const before = await rowsOf(roomId);
    expect(before.map((r) => r.outcome)).toEqual([
      'quarantined unknown_trigger',
      'quarantined unknown_trigger',
    ]);

    // The partner's run starts in the first batch and completes in the third (two are stored at
    // once, so the third waits for the first to be done): in between it is open, and an open run
    // covers every later hour of its room, 06-05 10:00 included.
    const csv = [
      EVENTS_HEADER,
      `${randomUUID()},${roomId},2025-06-02T08:05:00Z,RUN_NOTEBOOK_STARTED,${partner},P,,`,
      ...fillerEvents(FILLER_LINES),
      `${randomUUID()},${roomId},2025-06-02T08:55:00Z,RUN_NOTEBOOK_COMPLETED,,,P,SUCCESS`,
    ].join('\n');
    const imported = await importCsv(t, '/v1/clean-room-events/imports', csv).expect(201);
    expect(imported.body).toMatchObject({ status: 'completed', accepted: FILLER_LINES + 2 });

    // Paid before the import answered: the run's hour is the partner's, nothing left owed.
    const after = await rowsOf(roomId);
    expect(after.map((r) => `${r.hour} ${r.outcome}`)).toEqual([
      '06-02 08 attributed partner',
      '06-05 10 quarantined unknown_trigger',
    ]);
    expect(await owed(roomId)).toEqual([]);
    // Paid after each batch, the first would have given 06-05 10:00 to the open run and the
    // third taken it back: the row would have been written twice.
    expect(after[1].written_by).toBe(before[1].written_by);
    expect(after[0].written_by).not.toBe(before[0].written_by);
  });

  it('keeps what stored batches owe when their process dies before paying it, and the sweep pays it once no batch touches it', async () => {
    const roomId = await roomWithUsage([
      '2025-06-03T09:00:00Z',
      '2025-06-03T14:00:00Z',
      '2025-06-03T20:00:00Z',
    ]);
    const events = t.app.get(CleanRoomEventsExport);
    const pipeline = t.app.get(ExportPipeline);
    const batch = (list: Record<string, unknown>[]): Positioned<CleanRoomEvent>[] =>
      list.map((raw, index) => {
        const event = normalizeCleanRoomEvent(raw);
        if (!event.ok) throw new Error(JSON.stringify(event));
        return { position: { index }, value: event.value };
      });
    // Two batches of an import whose process then died: stored, never settled. Each owes the
    // room's usage from the start of its run; the later run's batch comes first.
    await pipeline.ingest(
      events,
      batch([
        runEvent(roomId, 'STARTED', 'late', '2025-06-03T14:10:00Z', { initiator: partner }),
        runEvent(roomId, 'COMPLETED', 'late', '2025-06-03T14:50:00Z'),
      ]),
      null,
    );
    await pipeline.ingest(
      events,
      batch([
        runEvent(roomId, 'STARTED', 'early', '2025-06-03T09:10:00Z', { initiator: partner }),
        runEvent(roomId, 'COMPLETED', 'early', '2025-06-03T09:50:00Z'),
      ]),
      null,
    );
    expect((await rowsOf(roomId)).map((r) => r.outcome)).toEqual([
      'quarantined unknown_trigger',
      'quarantined unknown_trigger',
      'quarantined unknown_trigger',
    ]);
    expect((await owed(roomId)).map((o) => new Date(o.from_time).toISOString())).toEqual([
      '2025-06-03T14:10:00.000Z',
      '2025-06-03T09:10:00.000Z',
    ]);

    // Touched just now, as by an import still running: the sweep leaves it to that import.
    const sweep = t.app.get(OwedRunsSweep);
    await sweep.sweep();
    expect(await owed(roomId)).toHaveLength(2);
    expect((await rowsOf(roomId))[0].outcome).toBe('quarantined unknown_trigger');

    // The first debt three minutes old, the second fresh: the room is still being touched.
    const age = (which: string) =>
      dataSource.query(
        `UPDATE pending_run_reattributions SET recorded_at = recorded_at - interval '3 minutes'
         WHERE room_id = $1 AND ${which}`,
        [roomId],
      );
    await age(`id = (SELECT min(id) FROM pending_run_reattributions WHERE room_id = $1)`);
    await sweep.sweep();
    expect(await owed(roomId)).toHaveLength(2);
    expect((await rowsOf(roomId))[0].outcome).toBe('quarantined unknown_trigger');

    // Three minutes later, nobody having touched the room: the sweep pays both debts.
    await age('true');
    expect(await sweep.sweep()).toBeGreaterThanOrEqual(2);
    expect((await rowsOf(roomId)).map((r) => `${r.hour} ${r.outcome}`)).toEqual([
      '06-03 09 attributed partner',
      '06-03 14 attributed partner',
      '06-03 20 quarantined unknown_trigger',
    ]);
    expect(await owed(roomId)).toEqual([]);
  });

  it('pays what the stored batches of an import that fails part-way owe', async () => {
    const roomId = await roomWithUsage(['2025-06-06T07:00:00Z']);
    const imports = t.app.get(ImportsRepository);
    const progress = imports.progress.bind(imports);
    // The database refuses the second batch: it rolls back, the import fails, the first stays.
    const refused = jest.spyOn(imports, 'progress').mockImplementation((...args) => {
      if (args[2] > BATCH_LINES + 1) return Promise.reject(new Error('connection lost'));
      return progress(...args);
    });
    try {
      const csv = [
        EVENTS_HEADER,
        `${randomUUID()},${roomId},2025-06-06T07:05:00Z,RUN_NOTEBOOK_STARTED,${partner},F,,`,
        `${randomUUID()},${roomId},2025-06-06T07:35:00Z,RUN_NOTEBOOK_COMPLETED,,,F,SUCCESS`,
        ...fillerEvents(BATCH_LINES),
      ].join('\n');
      await importCsv(t, '/v1/clean-room-events/imports', csv).expect(500);
    } finally {
      refused.mockRestore();
    }
    expect((await rowsOf(roomId)).map((r) => r.outcome)).toEqual(['attributed partner']);
    expect(await owed(roomId)).toEqual([]);
  });

  it('pays a JSON request’s debt before answering it', async () => {
    const roomId = await roomWithUsage(['2025-06-04T11:00:00Z']);
    await t.http
      .post('/v1/clean-room-events')
      .set(t.auth())
      .send({
        events: [
          runEvent(roomId, 'STARTED', 'R', '2025-06-04T11:05:00Z', { initiator: partner }),
          runEvent(roomId, 'COMPLETED', 'R', '2025-06-04T11:45:00Z'),
        ],
      })
      .expect(200);
    expect((await rowsOf(roomId)).map((r) => r.outcome)).toEqual(['attributed partner']);
    expect(await owed(roomId)).toEqual([]);
  });
});
