import { allocateScaledUnits, fromScaledUnits } from '../../../shared/money/allocation';
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
 * hour starts earlier): O(hours log hours + runs log runs + overlaps). A run's shares are summed
 * as integers at the largest scale of the hours, so each part costs no Decimal; sums are exact,
 * so the order of the hours does not matter. (The per-hour definition adds Decimals, exact up to
 * D's 100 significant digits: the same values for anything numeric(38,18) sums can hold.)
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
  const scales = measures.map((m) => MEASURES.map((key) => scaleOf(m[key])));
  const common = MEASURES.map((_, k) => Math.max(ALLOCATION_SCALE, ...scales.map((s) => s[k])));
  // Only runs that can overlap anything: a start, and an end after it (or none).
  const sorted = runs.filter((run) => endMs(run) > startMs(run)).sort(compareRunsByStart);

  const sums = MEASURES.map(() => new Array<bigint>(sorted.length).fill(0n));
  const overlapMs = new Float64Array(sorted.length);
  let unallocated = zeroMeasures();
  sweepOverlaps(hours, sorted, (i, count, at, ms) => {
    if (count === 0) {
      unallocated = addMeasures(unallocated, measures[i]);
      return;
    }
    const weights = Array.from(ms.subarray(0, count), (overlap) => BigInt(overlap));
    MEASURES.forEach((key, k) => {
      const parts = allocateScaledUnits(measures[i][key], weights, scales[i][k]);
      const shift = common[k] - scales[i][k];
      for (let j = 0; j < count; j++) {
        sums[k][at[j]] += shift === 0 ? parts[j] : parts[j] * 10n ** BigInt(shift);
      }
    });
    for (let j = 0; j < count; j++) overlapMs[at[j]] += ms[j];
  });

  const byRun: RunShare[] = [];
  sorted.forEach((run, at) => {
    if (overlapMs[at] === 0) return;
    const [dbu, listCost, partnerCost] = MEASURES.map((_, k) =>
      fromScaledUnits(sums[k][at], common[k]),
    );
    byRun.push({ runId: run.runId, overlapMs: overlapMs[at], dbu, listCost, partnerCost });
  });
  return { byRun, unallocated };
}

const MEASURES = ['dbu', 'listCost', 'partnerCost'] as const;

/** Parts are multiples of 10^-18, or of the value's own last decimal when it has more. */
const scaleOf = (value: Dec): number => Math.max(ALLOCATION_SCALE, value.decimalPlaces());

/**
 * Visits each hour, by start, with the runs overlapping it: `at[0, count)` are their indexes in
 * `sorted` (so in start order) and `ms[0, count)` their time in the hour. The arrays are reused
 * from hour to hour: a room-month's sweep allocates nothing per hour.
 */
function sweepOverlaps(
  hours: readonly RoomHourUsage[],
  sorted: readonly CleanRoomRun[],
  visit: (hourIndex: number, count: number, at: Int32Array, ms: Float64Array) => void,
): void {
  const starts = Float64Array.from(sorted, startMs);
  const ends = Float64Array.from(sorted, endMs);
  const hourStarts = Float64Array.from(hours, (hour) => hour.hourStart.getTime());
  const order = hours.map((_, i) => i).sort((a, b) => hourStarts[a] - hourStarts[b] || a - b);
  const active = new Int32Array(sorted.length);
  const at = new Int32Array(sorted.length);
  const ms = new Float64Array(sorted.length);
  let size = 0;
  let next = 0;
  for (const i of order) {
    const start = hourStarts[i];
    const end = hours[i].hourEnd.getTime();
    for (; next < sorted.length && starts[next] < end; next++) active[size++] = next;
    let kept = 0;
    let count = 0;
    for (let a = 0; a < size; a++) {
      const run = active[a];
      if (ends[run] <= start) continue;
      active[kept++] = run;
      // runOverlapMs, on the run's bounds read once.
      const overlap = Math.min(ends[run], end) - Math.max(starts[run], start);
      if (overlap > 0) {
        at[count] = run;
        ms[count++] = overlap;
      }
    }
    size = kept;
    visit(i, count, at, ms);
  }
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
  const [dbu, listCost, partnerCost] = MEASURES.map((key) => {
    const scale = scaleOf(measures[key]);
    return allocateScaledUnits(measures[key], weights, scale).map((u) => fromScaledUnits(u, scale));
  });
  return overlapping.map(({ overlapMs }, i) => ({
    overlapMs,
    dbu: dbu[i],
    listCost: listCost[i],
    partnerCost: partnerCost[i],
  }));
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
