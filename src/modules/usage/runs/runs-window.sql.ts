import { LONG_RUN_PREDICATE, ORDINARY_RUN_HOURS } from '../attribution/covering-run.sql';

/**
 * The runs of room $1 that overlap [$2, $3), sorted by start then run id, without reading every
 * earlier run of the room: `started_at < $3` alone is a range from the room's first run, so a
 * room-month of a room with a year of history read (and filtered out) a year of runs. Read in
 * the two disjoint parts the attribution's covering-run lookup uses (see covering-run.sql.ts),
 * split on started_at at $2 − ORDINARY_RUN_HOURS:
 * - started at or after it (and before $3): one range of clean_room_runs_room_time;
 * - started before it: such a run reaches $2 only if it lasted longer than the bound or has no
 *   end, so it is in clean_room_runs_long, read by room from $2 on its end.
 * Together they are exactly the runs the single condition finds.
 */
export const RUNS_OVERLAPPING_WINDOW_SQL = `
  SELECT * FROM (
    SELECT r.* FROM clean_room_runs r
    WHERE r.room_id = $1 AND r.started_at >= $2::timestamptz - interval '${ORDINARY_RUN_HOURS} hours'
      AND r.started_at < $3 AND coalesce(r.ended_at, 'infinity') > $2
    UNION ALL
    SELECT r.* FROM clean_room_runs r
    WHERE r.room_id = $1 AND coalesce(r.ended_at, 'infinity') > $2
      AND r.started_at < $2::timestamptz - interval '${ORDINARY_RUN_HOURS} hours' AND ${LONG_RUN_PREDICATE}
  ) r
  ORDER BY r.started_at, r.run_id`;
