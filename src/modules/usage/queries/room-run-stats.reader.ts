import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CleanRoomRun } from '../domain/run';

/** Which runs of a room to count: those started in [since, now] (since null: all of them). */
export interface RoomRunWindow {
  readonly roomId: string;
  readonly since: Date | null;
}

export interface RunStatsRequest {
  readonly now: Date;
  /** Runs started from this instant on are counted (and their failures). */
  readonly countFrom: Date;
  /** The latest starts from this instant on are listed, at most `startsLimit` of them. */
  readonly startsFrom: Date;
  readonly startsLimit: number;
}

/** What a room's runs say of it, for the fleet view. */
export interface RoomRunStats {
  readonly roomId: string;
  /** The latest-started run (ties: the greatest run id), or null when none started. */
  readonly lastRun: CleanRoomRun | null;
  readonly runs: number;
  /** Runs completed in a state other than SUCCESS (FAILED, CANCELLED, TIMEDOUT, …). */
  readonly failedRuns: number;
  /** Starts of the latest runs from `startsFrom` on, newest first. */
  readonly recentStarts: readonly Date[];
}

interface StatsRow {
  room_id: string;
  run_id: string | null;
  notebook_name: string | null;
  notebook_etag: string | null;
  initiator: string | null;
  state: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  runs: number;
  failed: number;
  starts: Date[];
}

/**
 * Every room of the list in one statement, each by seeks and short ranges of the
 * (room_id, started_at) index: its last run, its runs since `countFrom`, its latest starts since
 * `startsFrom`. Only runs started by `now` count (a run stamped later is not known yet).
 */
const RUN_STATS = `
WITH rooms AS (
  SELECT x.room_id, coalesce(x.since, '-infinity'::timestamptz) AS since
  FROM unnest($1::text[], $2::timestamptz[]) AS x(room_id, since)
)
SELECT x.room_id, l.run_id, l.notebook_name, l.notebook_etag, l.initiator, l.state, l.started_at, l.ended_at,
       c.runs, c.failed, s.starts
FROM rooms x
LEFT JOIN LATERAL (
  SELECT r.run_id, r.notebook_name, r.notebook_etag, r.initiator, r.state, r.started_at, r.ended_at
  FROM clean_room_runs r
  WHERE r.room_id = x.room_id AND r.started_at >= x.since AND r.started_at <= $3
  ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1
) l ON true
CROSS JOIN LATERAL (
  SELECT count(*)::int AS runs,
         (count(*) FILTER (WHERE r.state IS NOT NULL AND r.state <> 'SUCCESS'))::int AS failed
  FROM clean_room_runs r
  WHERE r.room_id = x.room_id AND r.started_at >= greatest(x.since, $4) AND r.started_at <= $3
) c
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(t.started_at ORDER BY t.started_at DESC), '{}') AS starts
  FROM (
    SELECT r.started_at FROM clean_room_runs r
    WHERE r.room_id = x.room_id AND r.started_at >= greatest(x.since, $5) AND r.started_at <= $3
    ORDER BY r.started_at DESC LIMIT $6
  ) t
) s`;

/** Usage's reader of what rooms' runs say, for the fleet view (issue 15). */
@Injectable()
export class RoomRunStatsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stats(
    rooms: readonly RoomRunWindow[],
    request: RunStatsRequest,
  ): Promise<Map<string, RoomRunStats>> {
    if (rooms.length === 0) return new Map();
    const rows: StatsRow[] = await this.dataSource.query(RUN_STATS, [
      rooms.map((room) => room.roomId),
      rooms.map((room) => room.since?.toISOString() ?? null),
      request.now,
      request.countFrom,
      request.startsFrom,
      request.startsLimit,
    ]);
    return new Map(rows.map((row) => [row.room_id, toStats(row)]));
  }

  /** The rooms of the list that have any run started by `now`; one index seek each. */
  async roomsThatRan(roomIds: readonly string[], now: Date): Promise<Set<string>> {
    if (roomIds.length === 0) return new Set();
    const rows: { room_id: string }[] = await this.dataSource.query(
      `SELECT x.room_id FROM unnest($1::text[]) AS x(room_id)
       WHERE EXISTS (SELECT 1 FROM clean_room_runs r WHERE r.room_id = x.room_id AND r.started_at <= $2)`,
      [roomIds, now],
    );
    return new Set(rows.map((row) => row.room_id));
  }
}

function toStats(row: StatsRow): RoomRunStats {
  return {
    roomId: row.room_id,
    lastRun:
      row.run_id === null
        ? null
        : {
            roomId: row.room_id,
            runId: row.run_id,
            notebookName: row.notebook_name,
            notebookEtag: row.notebook_etag,
            initiator: row.initiator,
            state: row.state,
            startedAt: row.started_at === null ? null : new Date(row.started_at),
            endedAt: row.ended_at === null ? null : new Date(row.ended_at),
          },
    runs: row.runs,
    failedRuns: row.failed,
    recentStarts: row.starts.map((at) => new Date(at)),
  };
}
