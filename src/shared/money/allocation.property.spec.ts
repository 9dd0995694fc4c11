import fc from 'fast-check';
import { allocateLargestRemainder, allocateScaledUnits, fromScaledUnits } from './allocation';
import { D, type Dec } from './decimal';

// Values are built from integers and a scale, so every generated amount is exact by design.
const scaled = (units: bigint, scale: number): Dec => new D(`${units.toString()}e-${scale}`);

const weightArb = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 18 }))
  .map(([units, scale]) => scaled(units, scale));

const caseArb = fc
  .record({
    scale: fc.integer({ min: 0, max: 18 }),
    totalUnits: fc.bigInt({ min: -(10n ** 38n), max: 10n ** 38n }),
    weights: fc.array(weightArb, { minLength: 1, maxLength: 12 }),
  })
  .filter(({ weights }) => weights.some((w) => !w.isZero()))
  .map(({ scale, totalUnits, weights }) => ({
    scale,
    total: scaled(totalUnits, scale),
    weights,
    unit: scaled(1n, scale),
  }));

const sum = (values: Dec[]): Dec => values.reduce((acc, v) => acc.plus(v), new D(0));

describe('allocateLargestRemainder properties', () => {
  it('parts sum exactly to the total', () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, scale }) => {
        expect(sum(allocateLargestRemainder(total, weights, scale)).equals(total)).toBe(true);
      }),
    );
  });

  it('every part is at the scale', () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, scale }) => {
        for (const part of allocateLargestRemainder(total, weights, scale)) {
          expect(part.decimalPlaces()).toBeLessThanOrEqual(scale);
        }
      }),
    );
  });

  it('every part is within one unit of its exact proportional share', () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, scale, unit }) => {
        const weightSum = sum(weights);
        allocateLargestRemainder(total, weights, scale).forEach((part, i) => {
          const exactShare = total.times(weights[i]).dividedBy(weightSum);
          expect(part.minus(exactShare).abs().lessThan(unit)).toBe(true);
        });
      }),
    );
  });

  it('equal weights get parts that differ by at most one unit', () => {
    const equalArb = fc.record({
      scale: fc.integer({ min: 0, max: 6 }),
      totalUnits: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      weight: weightArb.filter((w) => !w.isZero()),
      count: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(equalArb, ({ scale, totalUnits, weight, count }) => {
        const parts = allocateLargestRemainder(
          scaled(totalUnits, scale),
          Array.from({ length: count }, () => weight),
          scale,
        );
        const spread = D.max(...parts).minus(D.min(...parts));
        expect(spread.lessThanOrEqualTo(scaled(1n, scale))).toBe(true);
      }),
    );
  });

  it('a negative total is the mirror image of the positive one', () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, scale }) => {
        const positive = allocateLargestRemainder(total.abs(), weights, scale);
        const negative = allocateLargestRemainder(total.abs().negated(), weights, scale);
        expect(negative.map(String)).toEqual(positive.map((p) => p.negated().toString()));
      }),
    );
  });

  it('negating every weight changes nothing', () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, scale }) => {
        const flipped = weights.map((w) => w.negated());
        expect(allocateLargestRemainder(total, flipped, scale).map(String)).toEqual(
          allocateLargestRemainder(total, weights, scale).map(String),
        );
      }),
    );
  });
});

describe('allocateScaledUnits properties', () => {
  it('gives the parts allocateLargestRemainder gives for the same weights as Decimals', () => {
    const integerCaseArb = fc.record({
      scale: fc.integer({ min: 0, max: 36 }),
      totalUnits: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
      weights: fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 12 }),
    });
    fc.assert(
      fc.property(integerCaseArb, ({ scale, totalUnits, weights }) => {
        const total = scaled(totalUnits, scale);
        const run = (f: () => Dec[]) => {
          try {
            return f();
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
        };
        expect(
          run(() =>
            allocateScaledUnits(total, weights, scale).map((u) => fromScaledUnits(u, scale)),
          ),
        ).toStrictEqual(
          run(() =>
            allocateLargestRemainder(
              total,
              weights.map((w) => new D(w.toString())),
              scale,
            ),
          ),
        );
      }),
    );
  });
});
