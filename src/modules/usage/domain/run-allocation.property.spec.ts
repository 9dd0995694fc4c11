import fc from 'fast-check';
import { D, type Dec } from '../../../shared/money/decimal';
import type { CleanRoomRun } from './run';
import { allocateHour, allocateRoomHours, type UsageMeasures } from './run-allocation';

const HOUR = 3_600_000;
const BASE = Date.UTC(2025, 5, 3, 10);
// Values are built from integers and a scale, so every generated amount is exact by design.
const scaled = (units: bigint, scale: number): Dec => new D(`${units.toString()}e-${scale}`);
const amountArb = (maxScale: number, maxUnits: bigint) =>
  fc
    .tuple(fc.bigInt({ min: -maxUnits, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => scaled(units, scale));
const measuresArb: fc.Arbitrary<UsageMeasures> = fc.record({
  dbu: amountArb(18, 10n ** 38n),
  listCost: amountArb(36, 10n ** 40n),
  partnerCost: amountArb(36, 10n ** 40n),
});

const runsArb: fc.Arbitrary<CleanRoomRun[]> = fc
  .array(
    fc.record({
      start: fc.option(fc.integer({ min: -2 * HOUR, max: 3 * HOUR })),
      length: fc.option(fc.integer({ min: -HOUR, max: 3 * HOUR })),
    }),
    { maxLength: 7 },
  )
  .map((specs) =>
    specs.map(({ start, length }, i) => ({
      roomId: 'room',
      runId: `run-${i}`,
      notebookName: null,
      notebookEtag: null,
      initiator: null,
      state: null,
      startedAt: start === null ? null : new Date(BASE + start),
      endedAt: start === null || length === null ? null : new Date(BASE + start + length),
    })),
  );

const hourArb = fc
  .record({
    offset: fc.integer({ min: 0, max: 2 * HOUR }),
    length: fc.integer({ min: 0, max: HOUR }),
  })
  .map(({ offset, length }) => ({
    hourStart: new Date(BASE + offset),
    hourEnd: new Date(BASE + offset + length),
  }));

const KEYS = ['dbu', 'listCost', 'partnerCost'] as const;
const sum = (values: Dec[]): Dec => values.reduce((acc, v) => acc.plus(v), new D(0));

/** Independent of the code under test: half-open intervals intersect. */
function expectedOverlap(run: CleanRoomRun, start: Date, end: Date): number {
  if (run.startedAt === null) return 0;
  const from = Math.max(run.startedAt.getTime(), start.getTime());
  const to = run.endedAt === null ? end.getTime() : Math.min(run.endedAt.getTime(), end.getTime());
  return Math.max(0, to - from);
}

describe('allocateHour properties', () => {
  it('parts plus unallocated sum exactly to the hour, for each measure', () => {
    fc.assert(
      fc.property(hourArb, measuresArb, runsArb, (hour, values, runs) => {
        const result = allocateHour({ ...hour, ...values, runs });
        for (const key of KEYS) {
          const parts = sum(result.byRun.map((share) => share[key]));
          expect(parts.plus(result.unallocated[key]).equals(values[key])).toBe(true);
          expect(
            result.byRun.length === 0
              ? result.unallocated[key].equals(values[key])
              : result.unallocated[key].isZero(),
          ).toBe(true);
        }
      }),
    );
  });

  it('gives a part to exactly the runs that overlap the hour, with their overlap', () => {
    fc.assert(
      fc.property(hourArb, measuresArb, runsArb, (hour, values, runs) => {
        const result = allocateHour({ ...hour, ...values, runs });
        const expected = runs
          .map((run) => [run.runId, expectedOverlap(run, hour.hourStart, hour.hourEnd)] as const)
          .filter(([, overlap]) => overlap > 0);
        const actual = result.byRun.map((share) => [share.runId, share.overlapMs] as const);
        expect(new Map(actual)).toEqual(new Map(expected));
      }),
    );
  });

  it('each part is within 1e-18 (and one unit of its scale) of its exact proportional share', () => {
    const oneE18 = new D('1e-18');
    fc.assert(
      fc.property(hourArb, measuresArb, runsArb, (hour, values, runs) => {
        const result = allocateHour({ ...hour, ...values, runs });
        const totalMs = new D(result.byRun.reduce((acc, share) => acc + share.overlapMs, 0));
        for (const share of result.byRun) {
          for (const key of KEYS) {
            const unit = new D(`1e-${Math.max(18, values[key].decimalPlaces())}`);
            const exact = values[key].times(share.overlapMs).dividedBy(totalMs);
            const error = share[key].minus(exact).abs();
            expect(error.lessThan(unit) && error.lessThan(oneE18)).toBe(true);
            expect(
              share[key].isZero() || share[key].isNegative() === values[key].isNegative(),
            ).toBe(true);
          }
        }
      }),
    );
  });
});

describe('allocateRoomHours properties', () => {
  it('sum(per run) + unallocated == sum(hours) exactly, and per-run totals add up the hours', () => {
    const hoursArb = fc.array(
      fc.tuple(hourArb, measuresArb).map(([hour, values]) => ({ ...hour, ...values })),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(hoursArb, runsArb, (hours, runs) => {
        const result = allocateRoomHours(hours, runs);
        const perHour = hours.map((hour) => allocateHour({ ...hour, runs }));
        for (const key of KEYS) {
          const total = sum(result.byRun.map((share) => share[key])).plus(result.unallocated[key]);
          expect(total.equals(sum(hours.map((hour) => hour[key])))).toBe(true);
          for (const share of result.byRun) {
            const expected = sum(
              perHour.flatMap((h) =>
                h.byRun.filter((s) => s.runId === share.runId).map((s) => s[key]),
              ),
            );
            expect(share[key].equals(expected)).toBe(true);
          }
        }
        expect(new Set(result.byRun.map((share) => share.runId)).size).toBe(result.byRun.length);
      }),
    );
  });
});
