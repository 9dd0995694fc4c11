import { allocateLargestRemainder } from '../../../shared/money/allocation';
import { D, type Dec } from '../../../shared/money/decimal';
import type { CleanRoomRun } from './run';

/** The decimals of numeric(38,18): parts are multiples of 10^-18 unless a value has more. */
export const ALLOCATION_SCALE = 18;

/** The three measures of a room-hour (or of a run): DBU, list cost and partner cost. */
export interface UsageMeasures {
  readonly dbu: Dec;
  readonly listCost: Dec;
  readonly partnerCost: Dec;
}

/** One usage window of a room, usually an hour: [hourStart, hourEnd). */
export interface RoomHourUsage extends UsageMeasures {
  readonly hourStart: Date;
  readonly hourEnd: Date;
}

/** What one run receives; `overlapMs` is its time inside the window(s). */
export interface RunShare extends UsageMeasures {
  readonly runId: string;
  readonly overlapMs: number;
}

export interface RunAllocation {
  /** Only runs that overlap; sorted by startedAt, then runId. */
  readonly byRun: RunShare[];
  readonly unallocated: UsageMeasures;
}

export interface AllocateHourInput extends RoomHourUsage {
  readonly runs: readonly CleanRoomRun[];
}

/**
 * Milliseconds of [startedAt, endedAt ?? +infinity) inside [windowStart, windowEnd); 0 for a run
 * with no start, or one that ends before it starts.
 */
export function runOverlapMs(run: CleanRoomRun, windowStart: Date, windowEnd: Date): number {
  if (run.startedAt === null) return 0;
  const start = Math.max(run.startedAt.getTime(), windowStart.getTime());
  const end = Math.min(run.endedAt?.getTime() ?? Infinity, windowEnd.getTime());
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? end - start : 0;
}

/** Earliest startedAt first (unknown last), then runId in code-unit order. */
export function compareRunsByStart(a: CleanRoomRun, b: CleanRoomRun): number {
  const aStart = a.startedAt?.getTime() ?? Infinity;
  const bStart = b.startedAt?.getTime() ?? Infinity;
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  if (a.runId === b.runId) return 0;
  return a.runId < b.runId ? -1 : 1;
}

/**
 * Splits one room-hour between the runs that overlap it, in proportion to each run's time in
 * the hour. Each measure is split by largest remainder at 18 decimals (or at the value's own
 * decimals when it has more), so the parts sum exactly to the hour's value and each lies within
 * one unit of its exact share; negative values split with the same proportions. When no run
 * overlaps, everything is unallocated. Throws on invalid bounds or duplicate run ids.
 */
export function allocateHour(input: AllocateHourInput): RunAllocation {
  assertWindow(input.hourStart, input.hourEnd);
  assertUniqueRunIds(input.runs);
  const measures = finiteMeasures(input);
  const overlapping = input.runs
    .map((run) => ({ run, overlapMs: runOverlapMs(run, input.hourStart, input.hourEnd) }))
    .filter(({ overlapMs }) => overlapMs > 0)
    .sort((a, b) => compareRunsByStart(a.run, b.run));
  if (overlapping.length === 0) {
    return { byRun: [], unallocated: measures };
  }
  const weights = overlapping.map(({ overlapMs }) => new D(overlapMs));
  const dbu = split(measures.dbu, weights);
  const listCost = split(measures.listCost, weights);
  const partnerCost = split(measures.partnerCost, weights);
  return {
    byRun: overlapping.map(({ run, overlapMs }, i) => ({
      runId: run.runId,
      overlapMs,
      dbu: dbu[i],
      listCost: listCost[i],
      partnerCost: partnerCost[i],
    })),
    unallocated: zeroMeasures(),
  };
}

/**
 * Allocates every hour of a room (see allocateHour) and sums the shares per run, exactly:
 * for each measure, sum(byRun) + unallocated == sum(hours). `byRun` lists the runs that overlap
 * at least one hour, sorted by startedAt, then runId.
 */
export function allocateRoomHours(
  hours: readonly RoomHourUsage[],
  runs: readonly CleanRoomRun[],
): RunAllocation {
  assertUniqueRunIds(runs);
  const totals = new Map<string, RunShare>();
  let unallocated = zeroMeasures();
  for (const hour of hours) {
    const allocation = allocateHour({ ...hour, runs });
    unallocated = addMeasures(unallocated, allocation.unallocated);
    for (const share of allocation.byRun) {
      const known = totals.get(share.runId);
      totals.set(
        share.runId,
        known === undefined
          ? share
          : {
              ...addMeasures(known, share),
              runId: share.runId,
              overlapMs: known.overlapMs + share.overlapMs,
            },
      );
    }
  }
  const order = new Map([...runs].sort(compareRunsByStart).map((run, i) => [run.runId, i]));
  const byRun = [...totals.values()].sort(
    (a, b) => (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0),
  );
  return { byRun, unallocated };
}

function split(total: Dec, weights: Dec[]): Dec[] {
  const scale = Math.max(ALLOCATION_SCALE, total.decimalPlaces());
  return allocateLargestRemainder(total, weights, scale);
}

function zeroMeasures(): UsageMeasures {
  return { dbu: new D(0), listCost: new D(0), partnerCost: new D(0) };
}

function addMeasures(a: UsageMeasures, b: UsageMeasures): UsageMeasures {
  return {
    dbu: a.dbu.plus(b.dbu),
    listCost: a.listCost.plus(b.listCost),
    partnerCost: a.partnerCost.plus(b.partnerCost),
  };
}

function finiteMeasures(values: UsageMeasures): UsageMeasures {
  const measures = { dbu: values.dbu, listCost: values.listCost, partnerCost: values.partnerCost };
  for (const [name, value] of Object.entries(measures)) {
    if (!value.isFinite()) {
      throw new Error(`Cannot allocate hour: ${name} must be finite, got ${value.toString()}`);
    }
  }
  return measures;
}

function assertWindow(start: Date, end: Date): void {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) {
    throw new Error(
      `Invalid usage window [${String(start)}, ${String(end)}): bounds must be valid dates, start <= end`,
    );
  }
}

function assertUniqueRunIds(runs: readonly CleanRoomRun[]): void {
  const seen = new Set<string>();
  for (const run of runs) {
    if (seen.has(run.runId)) {
      throw new Error(`Duplicate run id ${run.runId}: assemble runs per room before allocating`);
    }
    seen.add(run.runId);
  }
}
