import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RoomRunWindow } from './room-run-stats.reader';

/** One notebook version a room has run, with its first and last run on it. */
export interface EtagSeen {
  readonly etag: string;
  /** The notebook of the first run on this etag (an etag is one version of one notebook). */
  readonly notebookName: string | null;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  /** The first run on this etag. */
  readonly firstRunId: string;
  /** The latest run on this etag. */
  readonly lastRunId: string;
  readonly lastRunState: string | null;
}

interface EtagRow {
  room_id: string;
  etag: string;
  notebook_name: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  first_run_id: string;
  last_run_id: string;
  last_run_state: string | null;
}

/**
 * A loose index scan of clean_room_runs_room_etag: per room, the least etag, then the least one
 * above it, and so on (one seek per distinct etag), then the first and the last run on each etag
 * within the room's window (one seek each). Never reads a room's runs one by one, however many.
 */
const ETAGS_SEEN = `
WITH RECURSIVE rooms AS (
  SELECT x.room_id, coalesce(x.since, '-infinity'::timestamptz) AS since
  FROM unnest($1::text[], $2::timestamptz[]) AS x(room_id, since)
),
etags AS (
  SELECT x.room_id, x.since,
         (SELECT min(r.notebook_etag) FROM clean_room_runs r
          WHERE r.room_id = x.room_id AND r.notebook_etag IS NOT NULL) AS etag
  FROM rooms x
  UNION ALL
  SELECT e.room_id, e.since,
         (SELECT min(r.notebook_etag) FROM clean_room_runs r
          WHERE r.room_id = e.room_id AND r.notebook_etag > e.etag) AS etag
  FROM etags e
  WHERE e.etag IS NOT NULL
)
SELECT e.room_id, e.etag, f.notebook_name, f.started_at AS first_seen_at, f.run_id AS first_run_id,
       l.started_at AS last_seen_at, l.run_id AS last_run_id, l.state AS last_run_state
FROM etags e
JOIN LATERAL (
  SELECT r.run_id, r.notebook_name, r.started_at FROM clean_room_runs r
  WHERE r.room_id = e.room_id AND r.notebook_etag = e.etag AND r.started_at >= e.since AND r.started_at <= $3
  ORDER BY r.started_at, r.run_id LIMIT 1
) f ON true
JOIN LATERAL (
  SELECT r.run_id, r.state, r.started_at FROM clean_room_runs r
  WHERE r.room_id = e.room_id AND r.notebook_etag = e.etag AND r.started_at >= e.since AND r.started_at <= $3
  ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1
) l ON true
WHERE e.etag IS NOT NULL`;

/** Usage's reader of the notebook versions rooms have run (fleet view, notebook releases). */
@Injectable()
export class RoomEtagsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per room, the etags of its runs started in [since, now], by first run; a room without any is
   * left out of the map.
   */
  async etagsSeen(
    rooms: readonly RoomRunWindow[],
    now: Date,
  ): Promise<Map<string, readonly EtagSeen[]>> {
    if (rooms.length === 0) return new Map();
    const rows: EtagRow[] = await this.dataSource.query(ETAGS_SEEN, [
      rooms.map((room) => room.roomId),
      rooms.map((room) => room.since?.toISOString() ?? null),
      now,
    ]);
    const byRoom = new Map<string, EtagSeen[]>();
    for (const row of rows) {
      const seen = byRoom.get(row.room_id) ?? [];
      seen.push({
        etag: row.etag,
        notebookName: row.notebook_name,
        firstSeenAt: new Date(row.first_seen_at),
        lastSeenAt: new Date(row.last_seen_at),
        firstRunId: row.first_run_id,
        lastRunId: row.last_run_id,
        lastRunState: row.last_run_state,
      });
      byRoom.set(row.room_id, seen);
    }
    for (const seen of byRoom.values()) seen.sort(byFirstSeen);
    return byRoom;
  }
}

function byFirstSeen(a: EtagSeen, b: EtagSeen): number {
  return a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || (a.etag < b.etag ? -1 : 1);
}
