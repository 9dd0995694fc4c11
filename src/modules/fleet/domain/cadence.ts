/**
 * A room's run cadence and schedule status (issue 15, fleet view). Times are epoch milliseconds
 * (durations, not money: a JS number is exact for them).
 *
 * - Cadence: the room's `expectedRunIntervalHours` when the registry has one (`expected`); else
 *   the median gap between the starts of its latest runs, at most CADENCE_STARTS of them, started
 *   in the last CADENCE_WINDOW_DAYS days (`observed`), which takes at least MIN_CADENCE_STARTS
 *   starts (two gaps); else none.
 * - Status: `no_runs` when the room has never run; with a cadence, `overdue` when the time since
 *   the last run's start is more than OVERDUE_RATIO × the cadence, else `on_schedule`; without
 *   one, `idle` when no run started in the last CADENCE_WINDOW_DAYS days, else `irregular` (it
 *   runs, but too seldom to tell a cadence).
 */
export const CADENCE_WINDOW_DAYS = 30;
export const CADENCE_STARTS = 11;
export const MIN_CADENCE_STARTS = 3;
/** Overdue beyond 3/2 of the cadence: one missed run and half a gap of grace. */
export const OVERDUE_RATIO = { numerator: 3, denominator: 2 } as const;

export const ROOM_STATUSES = ['overdue', 'idle', 'irregular', 'no_runs', 'on_schedule'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export interface Cadence {
  readonly ms: number;
  readonly source: 'expected' | 'observed';
}

const HOUR_MS = 3_600_000;

/** The median gap between consecutive starts (any order given), or null with fewer than two gaps. */
export function medianGapMs(starts: readonly Date[]): number | null {
  if (starts.length < MIN_CADENCE_STARTS) return null;
  const sorted = starts.map((at) => at.getTime()).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((at, i) => at - sorted[i]);
  gaps.sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
}

/** `recentStarts`: the latest starts within the cadence window (at most CADENCE_STARTS). */
export function roomCadence(
  expectedRunIntervalHours: number | null,
  recentStarts: readonly Date[],
): Cadence | null {
  if (expectedRunIntervalHours !== null) {
    return { ms: expectedRunIntervalHours * HOUR_MS, source: 'expected' };
  }
  const median = medianGapMs(recentStarts);
  return median === null ? null : { ms: median, source: 'observed' };
}

export function roomStatus(input: {
  readonly lastRunAt: Date | null;
  readonly now: Date;
  readonly cadence: Cadence | null;
  readonly recentStarts: readonly Date[];
}): RoomStatus {
  if (input.lastRunAt === null) return 'no_runs';
  const since = input.now.getTime() - input.lastRunAt.getTime();
  if (input.cadence === null) return input.recentStarts.length === 0 ? 'idle' : 'irregular';
  return since * OVERDUE_RATIO.denominator > input.cadence.ms * OVERDUE_RATIO.numerator
    ? 'overdue'
    : 'on_schedule';
}
