/**
 * Runs of at most this length are found by their start alone: a run that covers an hour started
 * before the hour's end, and, if it is this short, at most this long before the hour's start. So
 * the lookup reads the runs of a few hours, not every earlier run of the room. Clean-room notebook
 * runs take minutes to a few hours; the bound is a cost trade-off, not a limit: longer runs are
 * still found, through an index of their own.
 */
export const ORDINARY_RUN_HOURS = 6;

/**
 * The runs too long for the bound above, and those without an end (yet): word for word the
 * predicate of the partial index clean_room_runs_long (migration 1764450000000), so the planner
 * can use it. A different text here would still be correct, only slow.
 */
export const LONG_RUN_PREDICATE = `(r.ended_at IS NULL OR r.ended_at - r.started_at > interval '${ORDINARY_RUN_HOURS} hours')`;

/**
 * The initiator of the run covering most of the usage row `s`'s window, as a LATERAL subquery
 * (one row or none), under the rule of domain/covering-run.ts: a run covers the window when it
 * started before its end and ended (or has no end) after its start; the largest overlap wins,
 * ties go to the earliest start, then the smallest run id. `when` gates the lookup (rows whose
 * trigger something else decides never read runs).
 *
 * The covering runs are read in two disjoint parts, split on started_at at `bound` = window start
 * − ORDINARY_RUN_HOURS:
 * - started at or after `bound` (and before the window's end): one range of (room_id, started_at);
 * - started before `bound`: such a run can only reach the window if it lasted longer than the
 *   bound, or has no end, so it is in clean_room_runs_long, read by room from the window's start
 *   on its end. That part grows only with the room's long or open runs ending after the window.
 * Together they are exactly the runs the single condition finds, so the winner is the same.
 */
export function coveringRunLateral(s: string, when: string): string {
  const bound = `${s}.usage_start_time - interval '${ORDINARY_RUN_HOURS} hours'`;
  const columns = 'r.run_id, r.initiator, r.started_at, r.ended_at';
  return `LEFT JOIN LATERAL (
    SELECT c.initiator FROM (
      SELECT ${columns} FROM clean_room_runs r
      WHERE r.room_id = ${s}.room_id AND r.started_at >= ${bound} AND r.started_at < ${s}.usage_end_time
        AND coalesce(r.ended_at, 'infinity') > ${s}.usage_start_time
      UNION ALL
      SELECT ${columns} FROM clean_room_runs r
      WHERE r.room_id = ${s}.room_id AND coalesce(r.ended_at, 'infinity') > ${s}.usage_start_time
        AND r.started_at < ${bound} AND ${LONG_RUN_PREDICATE}
    ) c
    WHERE ${when}
    ORDER BY least(coalesce(c.ended_at, 'infinity'), ${s}.usage_end_time) - greatest(c.started_at, ${s}.usage_start_time) DESC,
             c.started_at, c.run_id
    LIMIT 1
  )`;
}
