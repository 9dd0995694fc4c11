import fc from 'fast-check';
import { allocateLargestRemainder } from '../../../shared/money/allocation';
import { D, type Dec } from '../../../shared/money/decimal';
import type { CleanRoomRun } from './run';
import {
  allocateRoomHours,
  compareRunsByStart,
  runOverlapMs,
  type RoomHourUsage,
  type RunAllocation,
  type RunShare,
  type UsageMeasures,
} from './run-allocation';

/**
 * The reference: allocateRoomHours as it was before the sweep, every run against every hour
 * (kept here only as an oracle; too slow for a room-month). The sweep must give the same
 * result, decimal for decimal, and refuse the same inputs with the same message.
 */
function referenceRoomHours(
  hours: readonly RoomHourUsage[],
  runs: readonly CleanRoomRun[],
): RunAllocation {
  assertUnique(runs);
  const totals = new Map<string, RunShare>();
  let unallocated = zero();
  for (const hour of hours) {
    const allocation = referenceHour(hour, runs);
    unallocated = add(unallocated, allocation.unallocated);
    for (const share of allocation.byRun) {
      const known = totals.get(share.runId);
      totals.set(
        share.runId,
        known === undefined
          ? share
          : {
              ...add(known, share),
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

function referenceHour(hour: RoomHourUsage, runs: readonly CleanRoomRun[]): RunAllocation {
  const { hourStart, hourEnd } = hour;
  if (Number.isNaN(hourStart.getTime()) || Number.isNaN(hourEnd.getTime()) || hourEnd < hourStart)
    throw new Error(
      `Invalid usage window [${String(hourStart)}, ${String(hourEnd)}): bounds must be valid dates, start <= end`,
    );
  assertUnique(runs);
  const measures = { dbu: hour.dbu, listCost: hour.listCost, partnerCost: hour.partnerCost };
  for (const [name, value] of Object.entries(measures))
    if (!value.isFinite())
      throw new Error(`Cannot allocate hour: ${name} must be finite, got ${value.toString()}`);
  const overlapping = runs
    .map((run) => ({ run, overlapMs: runOverlapMs(run, hourStart, hourEnd) }))
    .filter(({ overlapMs }) => overlapMs > 0)
    .sort((a, b) => compareRunsByStart(a.run, b.run));
  if (overlapping.length === 0) return { byRun: [], unallocated: measures };
  const weights = overlapping.map(({ overlapMs }) => new D(overlapMs));
  const split = (total: Dec) =>
    allocateLargestRemainder(total, weights, Math.max(18, total.decimalPlaces()));
  const [dbu, listCost, partnerCost] = [measures.dbu, measures.listCost, measures.partnerCost].map(
    split,
  );
  return {
    byRun: overlapping.map(({ run, overlapMs }, i) => ({
      runId: run.runId,
      overlapMs,
      dbu: dbu[i],
      listCost: listCost[i],
      partnerCost: partnerCost[i],
    })),
    unallocated: zero(),
  };
}

function assertUnique(runs: readonly CleanRoomRun[]): void {
  const seen = new Set<string>();
  for (const run of runs) {
    if (seen.has(run.runId))
      throw new Error(`Duplicate run id ${run.runId}: assemble runs per room before allocating`);
    seen.add(run.runId);
  }
}

const zero = (): UsageMeasures => ({ dbu: new D(0), listCost: new D(0), partnerCost: new D(0) });
const add = (a: UsageMeasures, b: UsageMeasures): UsageMeasures => ({
  dbu: a.dbu.plus(b.dbu),
  listCost: a.listCost.plus(b.listCost),
  partnerCost: a.partnerCost.plus(b.partnerCost),
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BASE = Date.UTC(2025, 5, 3);
/** A day of hours; runs may start a few hours before it and run past it. */
const DAY_HOURS = 24;

const amountArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 24 }))
  .map(([units, scale]) => new D(`${units.toString()}e-${scale}`));
const measuresArb = fc.record({ dbu: amountArb, listCost: amountArb, partnerCost: amountArb });

/**
 * Mostly whole hours of the day (often repeated: a retraction lands on its hour again), in any
 * order; some odd windows: unaligned, longer than an hour, empty.
 */
const hourArb: fc.Arbitrary<RoomHourUsage> = fc
  .tuple(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.integer({ min: 0, max: DAY_HOURS - 1 }).map((h) => [h * HOUR, HOUR]),
      },
      fc
        .tuple(fc.integer({ min: 0, max: DAY_HOURS * 60 }), fc.integer({ min: 0, max: 180 }))
        .map(([start, length]) => [start * MINUTE, length * MINUTE]),
    ),
    measuresArb,
  )
  .map(([[start, length], values]) => ({
    hourStart: new Date(BASE + start),
    hourEnd: new Date(BASE + start + length),
    ...values,
  }));

/** Runs that overlap, runs with no end (still running), no start, an end before their start,
 * and runs wholly before or after the hours; starts often on the hour or the same instant. */
const runsArb: fc.Arbitrary<CleanRoomRun[]> = fc
  .array(
    fc.record({
      start: fc.option(
        fc.oneof(
          fc.integer({ min: -6 * 60, max: (DAY_HOURS + 6) * 60 }).map((m) => m * MINUTE),
          fc.integer({ min: -3, max: DAY_HOURS + 3 }).map((h) => h * HOUR),
          fc.integer({ min: -6 * HOUR, max: (DAY_HOURS + 6) * HOUR }),
        ),
        { freq: 12 },
      ),
      length: fc.option(fc.integer({ min: -HOUR, max: 10 * HOUR }), { freq: 6 }),
    }),
    { maxLength: 40 },
  )
  .chain((specs) =>
    fc.shuffledSubarray(
      specs.map((spec, i) => ({ ...spec, runId: `run-${String.fromCharCode(97 + (i % 26))}${i}` })),
      { minLength: specs.length, maxLength: specs.length },
    ),
  )
  .map((specs) =>
    specs.map(({ start, length, runId }) => ({
      roomId: 'room',
      runId,
      notebookName: null,
      notebookEtag: null,
      initiator: null,
      state: null,
      startedAt: start === null ? null : new Date(BASE + start),
      endedAt: start === null || length === null ? null : new Date(BASE + start + length),
    })),
  );

function outcome(work: () => RunAllocation): RunAllocation | { error: string } {
  try {
    return work();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

describe('allocateRoomHours (one sweep) equals the per-hour reference', () => {
  it('on random histories: overlapping, open, startless and outside runs, hours without runs', () => {
    fc.assert(
      fc.property(fc.array(hourArb, { maxLength: 40 }), runsArb, (hours, runs) => {
        expect(allocateRoomHours(hours, runs)).toStrictEqual(referenceRoomHours(hours, runs));
      }),
      { numRuns: 300 },
    );
  });

  it('and refuses what it refuses: duplicate run ids, inverted or invalid windows, NaN', () => {
    const broken = fc.oneof(
      hourArb,
      hourArb.map((h) => ({
        ...h,
        hourStart: h.hourEnd,
        hourEnd: new Date(h.hourStart.getTime() - 1),
      })),
      hourArb.map((h) => ({ ...h, hourEnd: new Date(Number.NaN) })),
      hourArb.map((h) => ({ ...h, listCost: new D(Number.NaN) })),
    );
    const withDuplicate = runsArb.chain((runs) =>
      runs.length === 0
        ? fc.constant(runs)
        : fc.nat(runs.length - 1).map((i) => [...runs, { ...runs[i], startedAt: null }]),
    );
    fc.assert(
      fc.property(
        fc.array(broken, { maxLength: 12 }),
        fc.oneof(runsArb, withDuplicate),
        (hours, runs) => {
          expect(outcome(() => allocateRoomHours(hours, runs))).toStrictEqual(
            outcome(() => referenceRoomHours(hours, runs)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
