import { DataSource } from 'typeorm';
import { CleanRoomEvent } from '../../src/modules/usage/domain/clean-room-event';
import { normalizeCleanRoomEvent } from '../../src/modules/usage/domain/normalize-clean-room-event';
import { CleanRoomEventsExport } from '../../src/modules/usage/ingestion/exports/clean-room-events.export';
import { ExportPipeline } from '../../src/modules/usage/ingestion/export-pipeline';
import { Positioned } from '../../src/modules/usage/ingestion/ingest-outcome';
import { createCustomer, createRoom } from '../support/factories';
import { runEvent } from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

// The embedded database has one connection: its batches cannot overlap, so nothing to test there.
const onServer = process.env.TEST_DATABASE_EMBEDDED === '1' ? describe.skip : describe;

onServer('clean-room events: two batches holding events of the same runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const positioned = (raw: unknown[]): Positioned<CleanRoomEvent>[] =>
    raw.map((r, index) => {
      const normalized = normalizeCleanRoomEvent(r);
      if (!normalized.ok) throw new Error(JSON.stringify(normalized.rejection));
      return { position: { index }, value: normalized.value };
    });

  /** Until a batch of events waits for a lock another transaction holds. */
  async function untilOneWaitsForALock(dataSource: DataSource): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const rows: unknown[] = await dataSource.query(
        `SELECT 1 FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'
           AND (query LIKE '%clean_room_runs%' OR query LIKE '%pg_advisory_xact_lock%')`,
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no batch ever waited for the other');
  }

  it('folds a run from both batches’ events whichever commits first', async () => {
    const events = t.app.get(CleanRoomEventsExport);
    const pipeline = t.app.get(ExportPipeline);
    const dataSource = t.app.get(DataSource);
    const customer = await createCustomer(t);
    const roomId = (await createRoom(t, customer.id)).id;
    const completed = positioned([runEvent(roomId, 'COMPLETED', 'R', '2025-06-03T10:30:00Z')]);
    const started = positioned([runEvent(roomId, 'STARTED', 'R', '2025-06-03T10:00:00Z')]);

    // The COMPLETED batch stores its run (open-ended start inferred, end known) and, before it
    // commits, waits until the STARTED batch, begun meanwhile, is held up by it. Folding side by
    // side, the STARTED batch saw only its own event and then overwrote the run as never ended.
    let startedBatch: Promise<unknown> | undefined;
    await pipeline.ingest(events, completed, null, async () => {
      startedBatch = pipeline.ingest(events, started, null);
      await untilOneWaitsForALock(dataSource);
    });
    await startedBatch;

    const runs: { started_at: Date; ended_at: Date | null }[] = await dataSource.query(
      `SELECT started_at, ended_at FROM clean_room_runs WHERE room_id = $1`,
      [roomId],
    );
    expect(runs).toEqual([
      {
        started_at: new Date('2025-06-03T10:00:00Z'),
        ended_at: new Date('2025-06-03T10:30:00Z'),
      },
    ]);
  });
});
