import { D, isDecimalString } from '../../../shared/money/decimal';
import type { CleanRoomEvent } from './clean-room-event';
import type { CleanRoomRun } from './run';

export const RUN_NOTEBOOK_STARTED = 'RUN_NOTEBOOK_STARTED';
export const RUN_NOTEBOOK_COMPLETED = 'RUN_NOTEBOOK_COMPLETED';

/**
 * A run folded from its events. `startInferred` is true while `startedAt` was derived from a
 * COMPLETED event (event time minus duration): a STARTED event, whenever it arrives, replaces it.
 * Persist the flag with the run, or a reloaded run treats its inferred start as observed.
 */
export interface AssembledRun extends CleanRoomRun {
  readonly startInferred: boolean;
}

/** Whether `run.startedAt` is an estimate from a COMPLETED event (false for plain runs). */
export function isStartInferred(run: CleanRoomRun): boolean {
  return 'startInferred' in run && (run as AssembledRun).startInferred === true;
}

/**
 * Folds one RUN_NOTEBOOK_STARTED / RUN_NOTEBOOK_COMPLETED event into `current` (null = no event
 * seen yet for this room and run). Other event types, and run events without a run id, leave
 * `current` as it is. The fold is order-independent and idempotent:
 * - STARTED owns startedAt (earliest STARTED wins), notebook name, etag and initiator;
 * - COMPLETED owns endedAt (latest wins) and state, and fills notebook fields and initiator only
 *   where no STARTED has; without a STARTED it infers startedAt = eventTime - duration;
 * - a null in the event never erases a known value.
 * Throws when `current` belongs to another room or run.
 */
export function mergeRunEvent(
  current: CleanRoomRun | null,
  event: CleanRoomEvent,
): CleanRoomRun | null {
  const kind = event.eventType.toUpperCase();
  if (event.runId === null || (kind !== RUN_NOTEBOOK_STARTED && kind !== RUN_NOTEBOOK_COMPLETED)) {
    return current;
  }
  const base = current === null ? emptyRun(event.roomId, event.runId) : asAssembled(current);
  if (base.roomId !== event.roomId || base.runId !== event.runId) {
    throw new Error(
      `Cannot merge event ${event.eventId} (room ${event.roomId}, run ${event.runId}) into run ${base.runId} of room ${base.roomId}`,
    );
  }
  return kind === RUN_NOTEBOOK_STARTED ? applyStarted(base, event) : applyCompleted(base, event);
}

/**
 * Assembles the runs of a batch of events, grouped by (roomId, runId). Events are folded in
 * (eventTime, eventId) order, so the result does not depend on the input order even when
 * conflicting duplicates exist. Runs come sorted by roomId, startedAt (unknown last), runId.
 */
export function assembleRuns(events: readonly CleanRoomEvent[]): AssembledRun[] {
  const ordered = [...events].sort(
    (a, b) => a.eventTime.getTime() - b.eventTime.getTime() || compareText(a.eventId, b.eventId),
  );
  const byKey = new Map<string, CleanRoomRun>();
  for (const event of ordered) {
    if (event.runId === null) continue;
    const key = `${event.roomId}\u0000${event.runId}`;
    const merged = mergeRunEvent(byKey.get(key) ?? null, event);
    if (merged !== null) byKey.set(key, merged);
  }
  return [...byKey.values()].map(asAssembled).sort(compareRuns);
}

function applyStarted(run: AssembledRun, event: CleanRoomEvent): AssembledRun {
  const keepStart = run.startedAt !== null && !run.startInferred;
  return {
    ...run,
    notebookName: event.notebookName ?? run.notebookName,
    notebookEtag: event.notebookEtag ?? run.notebookEtag,
    initiator: event.initiator ?? run.initiator,
    startedAt: keepStart ? earliest(run.startedAt, event.eventTime) : event.eventTime,
    startInferred: false,
  };
}

function applyCompleted(run: AssembledRun, event: CleanRoomEvent): AssembledRun {
  const filled: AssembledRun = {
    ...run,
    notebookName: run.notebookName ?? event.notebookName,
    notebookEtag: run.notebookEtag ?? event.notebookEtag,
    initiator: run.initiator ?? event.initiator,
    state: event.runState ?? run.state,
    endedAt: latest(run.endedAt, event.eventTime),
  };
  if (run.startedAt !== null && !run.startInferred) return filled;
  const inferred = inferStart(event);
  if (inferred === null) return filled;
  return { ...filled, startedAt: earliest(run.startedAt, inferred), startInferred: true };
}

/** eventTime - durationSeconds, rounded half up to the millisecond; null if there is no valid duration. */
function inferStart(event: CleanRoomEvent): Date | null {
  const seconds = event.durationSeconds?.trim() ?? null;
  if (seconds === null || !isDecimalString(seconds)) return null;
  const durationMs = new D(seconds).times(1000).toDecimalPlaces(0, D.ROUND_HALF_UP);
  if (durationMs.isNegative()) return null;
  // A duration in whole milliseconds (time, not an amount): a JS number holds it exactly.
  return new Date(event.eventTime.getTime() - durationMs.toNumber());
}

function emptyRun(roomId: string, runId: string): AssembledRun {
  return {
    roomId,
    runId,
    notebookName: null,
    notebookEtag: null,
    initiator: null,
    state: null,
    startedAt: null,
    endedAt: null,
    startInferred: false,
  };
}

function asAssembled(run: CleanRoomRun): AssembledRun {
  return { ...run, startInferred: isStartInferred(run) };
}

function earliest(known: Date | null, candidate: Date): Date {
  return known !== null && known.getTime() <= candidate.getTime() ? known : candidate;
}

function latest(known: Date | null, candidate: Date): Date {
  return known !== null && known.getTime() >= candidate.getTime() ? known : candidate;
}

function compareRuns(a: CleanRoomRun, b: CleanRoomRun): number {
  return (
    compareText(a.roomId, b.roomId) ||
    compareStart(a.startedAt, b.startedAt) ||
    compareText(a.runId, b.runId)
  );
}

function compareStart(a: Date | null, b: Date | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.getTime() - b.getTime();
}

/** Code-unit order: deterministic, unlike localeCompare. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
