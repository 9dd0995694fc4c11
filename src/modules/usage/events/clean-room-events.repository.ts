import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CleanRoomEvent } from '../domain/clean-room-event';
import type { RoomActivity } from '../../registry/rooms/room-activity.recorder';
import { CleanRoomRun } from '../domain/run';

/** First key of the advisory locks on runs being folded (the second is a hash of the run). */
const RUN_FOLD_LOCK = 727_009;

interface EventRow {
  event_id: string;
  room_id: string;
  event_type: string;
  event_time: Date;
  account_id: string | null;
  metastore_id: string | null;
  clean_room_name: string | null;
  initiator: string | null;
  initiator_alias: string | null;
  run_id: string | null;
  notebook_name: string | null;
  notebook_etag: string | null;
  run_state: string | null;
  duration_seconds: string | null;
}

@Injectable()
export class CleanRoomEventsRepository {
  /** Inserts the events not seen before; returns their ids. */
  async insertNew(
    manager: EntityManager,
    events: readonly { value: CleanRoomEvent; hash: string }[],
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const col = <K extends keyof CleanRoomEvent>(k: K) => events.map((e) => e.value[k]);
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO clean_room_events (event_id, room_id, event_type, event_time, account_id, metastore_id, clean_room_name,
                                     initiator, initiator_alias, run_id, notebook_name, notebook_etag, run_state,
                                     duration_seconds, extra, content_hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::numeric[],
                            $15::jsonb[], $16::text[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [
        col('eventId'),
        col('roomId'),
        col('eventType'),
        events.map((e) => e.value.eventTime.toISOString()),
        col('accountId'),
        col('metastoreId'),
        col('cleanRoomName'),
        col('initiator'),
        col('initiatorAlias'),
        col('runId'),
        col('notebookName'),
        col('notebookEtag'),
        col('runState'),
        col('durationSeconds'),
        events.map((e) => JSON.stringify(e.value.extra)),
        events.map((e) => e.hash),
      ],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  async storedHashes(
    manager: EntityManager,
    eventIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (eventIds.length === 0) return new Map();
    const rows: { event_id: string; content_hash: string }[] = await manager.query(
      `SELECT event_id, content_hash FROM clean_room_events WHERE event_id = ANY($1)`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.content_hash]));
  }

  /**
   * Every stored event of the given runs, to fold them into runs again. The runs are locked first
   * (until the transaction ends), and their events read after the lock is granted: two batches
   * holding events of one run, a STARTED in one and its COMPLETED in the other, then fold it one
   * after the other, the second seeing both events. Folded side by side, each saw only its own
   * event and whichever stored the run last won: when that was the STARTED's batch, the run
   * stayed open for ever and took every later hour of its room.
   */
  async eventsOfRuns(
    manager: EntityManager,
    runs: readonly { roomId: string; runId: string }[],
  ): Promise<CleanRoomEvent[]> {
    if (runs.length === 0) return [];
    const rooms = runs.map((r) => r.roomId);
    const runIds = runs.map((r) => r.runId);
    // In one order, so two batches waiting for each other's runs cannot deadlock.
    await manager.query(
      `SELECT pg_advisory_xact_lock(${RUN_FOLD_LOCK}, k)
       FROM (SELECT DISTINCT hashtext(room_id || '/' || run_id) AS k FROM unnest($1::text[], $2::text[]) AS q(room_id, run_id)
             ORDER BY k) keys`,
      [rooms, runIds],
    );
    // Each run's events by the (room_id, run_id) index, whatever the estimates: joined as a set,
    // the events were sorted whole for every batch (0.75 s at 370,000 events, spilling to disk).
    const rows: EventRow[] = await manager.query(
      `SELECT e.* FROM unnest($1::text[], $2::text[]) AS q(room_id, run_id)
       CROSS JOIN LATERAL (
         SELECT * FROM clean_room_events e WHERE e.room_id = q.room_id AND e.run_id = q.run_id OFFSET 0
       ) e
       ORDER BY e.event_time, e.event_id`,
      [rooms, runIds],
    );
    return rows.map(toEvent);
  }

  async upsertRuns(manager: EntityManager, runs: readonly CleanRoomRun[]): Promise<void> {
    if (runs.length === 0) return;
    await manager.query(
      `INSERT INTO clean_room_runs (room_id, run_id, notebook_name, notebook_etag, initiator, state, started_at, ended_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
       ON CONFLICT (room_id, run_id) DO UPDATE SET
         notebook_name = EXCLUDED.notebook_name, notebook_etag = EXCLUDED.notebook_etag, initiator = EXCLUDED.initiator,
         state = EXCLUDED.state, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at`,
      [
        runs.map((r) => r.roomId),
        runs.map((r) => r.runId),
        runs.map((r) => r.notebookName),
        runs.map((r) => r.notebookEtag),
        runs.map((r) => r.initiator),
        runs.map((r) => r.state),
        runs.map((r) => r.startedAt?.toISOString() ?? null),
        runs.map((r) => r.endedAt?.toISOString() ?? null),
      ],
    );
  }

  /**
   * What the rooms' runs say of them, for the registry (RoomActivityRecorder): the last run start,
   * and the etag of the latest-started run that has one. Each is one index probe per room (the
   * etag's through clean_room_runs_etag): aggregating every run of the rooms of a batch read the
   * rooms' whole history for every batch of events (0.5 s a batch at 600,000 runs). Rooms without
   * runs are left out.
   */
  async roomActivity(manager: EntityManager, roomIds: readonly string[]): Promise<RoomActivity[]> {
    if (roomIds.length === 0) return [];
    const rows: { room_id: string; last_run_at: Date | null; etag: string | null }[] =
      await manager.query(
        `SELECT q.room_id,
                (SELECT max(started_at) FROM clean_room_runs WHERE room_id = q.room_id) AS last_run_at,
                (SELECT notebook_etag FROM clean_room_runs
                 WHERE room_id = q.room_id AND notebook_etag IS NOT NULL
                 ORDER BY started_at DESC LIMIT 1) AS etag
         FROM (SELECT DISTINCT room_id FROM unnest($1::text[]) AS u(room_id)) q
         WHERE EXISTS (SELECT FROM clean_room_runs WHERE room_id = q.room_id)
         ORDER BY q.room_id COLLATE "C"`,
        [roomIds],
      );
    return rows.map((row) => ({
      roomId: row.room_id,
      lastRunAt: row.last_run_at,
      notebookEtag: row.etag,
    }));
  }
}

function toEvent(row: EventRow): CleanRoomEvent {
  return {
    eventId: row.event_id,
    roomId: row.room_id,
    eventType: row.event_type,
    eventTime: row.event_time,
    accountId: row.account_id,
    metastoreId: row.metastore_id,
    cleanRoomName: row.clean_room_name,
    initiator: row.initiator,
    initiatorAlias: row.initiator_alias,
    runId: row.run_id,
    notebookName: row.notebook_name,
    notebookEtag: row.notebook_etag,
    runState: row.run_state,
    durationSeconds: row.duration_seconds,
    extra: {},
  };
}
