import { allocateByIntegerWeights } from '../../../shared/money/allocation';
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
  return {
    byRun: splitHour(measures, overlapping).map((share, i) => ({
      runId: overlapping[i].run.runId,
      ...share,
    })),
    unallocated: zeroMeasures(),
  };
}

/**
 * Allocates every hour of a room (each exactly as allocateHour would) and sums the shares per
 * run, exactly: for each measure, sum(byRun) + unallocated == sum(hours). `byRun` lists the runs
 * that overlap at least one hour, sorted by startedAt, then runId.
 *
 * One sweep, not every run against every hour: runs sorted once by start, hours walked by start,
 * with the runs that may overlap the current hour kept in start order (a run joins when it starts
 * before the hour ends, and leaves when it ends at or before an hour's start, since no later
 * hour starts earlier). So the work is O((hours + runs) log + overlaps). Shares are then summed in
 * the hours' given order, as the per-hour definition does.
 */
export function allocateRoomHours(
  hours: readonly RoomHourUsage[],
  runs: readonly CleanRoomRun[],
): RunAllocation {
  assertUniqueRunIds(runs);
  const measures = hours.map((hour) => {
    assertWindow(hour.hourStart, hour.hourEnd);
    return finiteMeasures(hour);
  });
  // Only runs that can overlap anything: a start, and an end after it (or none).
  const sorted = runs.filter((run) => endMs(run) > startMs(run)).sort(compareRunsByStart);
  const overlapsByHour = sweepOverlaps(hours, sorted);

  const totals: (RunShare | undefined)[] = new Array<RunShare | undefined>(sorted.length);
  let unallocated = zeroMeasures();
  hours.forEach((_, i) => {
    const overlapping = overlapsByHour[i];
    if (overlapping.length === 0) {
      unallocated = addMeasures(unallocated, measures[i]);
      return;
    }
    splitHour(measures[i], overlapping).forEach((share, j) => {
      const at = overlapping[j].at;
      const known = totals[at];
      totals[at] =
        known === undefined
          ? { runId: sorted[at].runId, ...share }
          : {
              runId: known.runId,
              overlapMs: known.overlapMs + share.overlapMs,
              ...addMeasures(known, share),
            };
    });
  });
  return { byRun: totals.filter((share) => share !== undefined), unallocated };
}

interface Overlap {
  /** Index of the run in the runs sorted by start. */
  readonly at: number;
  readonly overlapMs: number;
}

/** For each hour (in the given order), the runs overlapping it, in start order. */
function sweepOverlaps(hours: readonly RoomHourUsage[], sorted: readonly CleanRoomRun[]) {
  const byStart = hours
    .map((hour, i) => ({ i, start: hour.hourStart.getTime() }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  const overlapsByHour: Overlap[][] = new Array<Overlap[]>(hours.length);
  let active: number[] = [];
  let next = 0;
  for (const { i, start } of byStart) {
    const { hourStart, hourEnd } = hours[i];
    const end = hourEnd.getTime();
    for (; next < sorted.length && startMs(sorted[next]) < end; next++) active.push(next);
    active = active.filter((at) => endMs(sorted[at]) > start);
    const overlapping: Overlap[] = [];
    for (const at of active) {
      const overlapMs = runOverlapMs(sorted[at], hourStart, hourEnd);
      if (overlapMs > 0) overlapping.push({ at, overlapMs });
    }
    overlapsByHour[i] = overlapping;
  }
  return overlapsByHour;
}

/** NaN without a start, so such a run is never "before" anything (nor after). */
const startMs = (run: CleanRoomRun): number => run.startedAt?.getTime() ?? NaN;
const endMs = (run: CleanRoomRun): number => run.endedAt?.getTime() ?? Infinity;

/** One hour's measures split by the overlaps' time (in the overlaps' order). */
function splitHour(
  measures: UsageMeasures,
  overlapping: readonly { readonly overlapMs: number }[],
): (UsageMeasures & { overlapMs: number })[] {
  // Milliseconds are whole numbers: the same parts as Decimal weights, without making them.
  const weights = overlapping.map(({ overlapMs }) => BigInt(overlapMs));
  const dbu = split(measures.dbu, weights);
  const listCost = split(measures.listCost, weights);
  const partnerCost = split(measures.partnerCost, weights);
  return overlapping.map(({ overlapMs }, i) => ({
    overlapMs,
    dbu: dbu[i],
    listCost: listCost[i],
    partnerCost: partnerCost[i],
  }));
}

function split(total: Dec, weights: readonly bigint[]): Dec[] {
  const scale = Math.max(ALLOCATION_SCALE, total.decimalPlaces());
  return allocateByIntegerWeights(total, weights, scale);
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
