import type { CleanRoomRun } from './run';
import { compareRunsByStart, runOverlapMs } from './run-allocation';

/**
 * The run that covers most of [hourStart, hourEnd): the largest overlap wins, ties go to the
 * earliest startedAt, then the smallest runId (code-unit order). Null when no run overlaps.
 * Used to attribute an hour to the initiator of the run that covers it.
 */
export function dominantRun(
  hourStart: Date,
  hourEnd: Date,
  runs: readonly CleanRoomRun[],
): CleanRoomRun | null {
  let best: CleanRoomRun | null = null;
  let bestOverlap = 0;
  for (const run of runs) {
    const overlap = runOverlapMs(run, hourStart, hourEnd);
    if (overlap <= 0) continue;
    if (
      best === null ||
      overlap > bestOverlap ||
      (overlap === bestOverlap && compareRunsByStart(run, best) < 0)
    ) {
      best = run;
      bestOverlap = overlap;
    }
  }
  return best;
}
