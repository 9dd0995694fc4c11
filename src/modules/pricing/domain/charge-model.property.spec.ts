import fc from 'fast-check';
import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import type { ChargeDefinition, PriceTierDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';
import { factorsCoverWholePeriod, prorate, segmentFactors } from './proration';

// Decimals are built from an integer and a scale, so every generated value is exact by design.
const decimalArb = (maxUnits: bigint, maxScale = 18) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => new D(`${units.toString()}e-${scale}`));

const text = (value: Dec) => formatDecimal(value);
// Anywhere up to 1e20, but mostly near zero and around the bounds and block sizes generated.
const unitsArb = fc.oneof(
  decimalArb(10n ** 20n),
  decimalArb(2_000n, 0),
  decimalArb(2_000_000n, 3),
  decimalArb(10n ** 6n, 18),
);
const priceArb = decimalArb(10n ** 8n, 6).map(text);

// Ascending bounds from positive increments; the last tier is unbounded.
const tiersArb: fc.Arbitrary<PriceTierDefinition[]> = fc
  .array(
    fc.record({
      step: decimalArb(10n ** 12n, 4).filter((step) => step.greaterThan(0)),
      unitPrice: priceArb,
      flatFee: fc.option(priceArb, { nil: undefined }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((rows) => {
    let bound = new D(0);
    return rows.map((row, index): PriceTierDefinition => {
      bound = bound.plus(row.step);
      const upTo = index === rows.length - 1 ? null : text(bound);
      return row.flatFee === undefined
        ? { upTo, unitPrice: row.unitPrice }
        : { upTo, unitPrice: row.unitPrice, flatFee: row.flatFee };
    });
  });

const perUnitArb = priceArb.map((unitPrice): ChargeDefinition => ({
  model: 'per_unit',
  unitPrice,
}));
const graduatedArb = tiersArb.map((tiers): ChargeDefinition => ({ model: 'graduated', tiers }));
const packageArb = fc
  .record({
    size: decimalArb(10n ** 6n, 3).filter((size) => size.greaterThan(0)),
    blockPrice: priceArb,
  })
  .map(({ size, blockPrice }): ChargeDefinition => ({
    model: 'package',
    size: text(size),
    blockPrice,
  }));

const anyModelArb: fc.Arbitrary<ChargeDefinition> = fc.oneof(
  priceArb.map((amount): ChargeDefinition => ({ model: 'flat', amount })),
  perUnitArb,
  graduatedArb,
  tiersArb.map((tiers): ChargeDefinition => ({ model: 'volume', tiers })),
  packageArb,
  priceArb.map((rate): ChargeDefinition => ({ model: 'percentage', rate })),
);

const withIncludedArb = (models: fc.Arbitrary<ChargeDefinition>) =>
  fc
    .tuple(models, fc.option(decimalArb(10n ** 6n, 2).map(text), { nil: undefined }))
    .map(([definition, included]) =>
      included === undefined ? definition : { ...definition, included },
    );

// Factors in [0, 1] at 6 decimals, 0 and 1 included.
const factorArb = fc
  .bigInt({ min: 0n, max: 10n ** 6n })
  .map((millionths) => new D(`${millionths.toString()}e-6`));

// Any numeric(38,18) fee: up to 20 integer digits and 18 decimals.
const feeArb = fc
  .bigInt({ min: 0n, max: 10n ** 38n - 1n })
  .map((units) => new D(`${units.toString()}e-18`));

const limitsArb = fc
  .tuple(decimalArb(10n ** 9n, 2), decimalArb(10n ** 9n, 2))
  .map(([a, b]) => ({ minimum: D.min(a, b), maximum: D.max(a, b) }));

describe('charge model properties', () => {
  it('per_unit, graduated and package never decrease when units grow', () => {
    fc.assert(
      fc.property(
        withIncludedArb(fc.oneof(perUnitArb, graduatedArb, packageArb)),
        unitsArb,
        unitsArb,
        (definition, units, more) => {
          const model = buildChargeModel(definition);
          const lower = model.price(units).amount;
          expect(model.price(units.plus(more)).amount.greaterThanOrEqualTo(lower)).toBe(true);
        },
      ),
    );
  });

  it('never charges a negative amount, and the breakdown adds up to the amount', () => {
    fc.assert(
      fc.property(withIncludedArb(anyModelArb), unitsArb, (definition, units) => {
        const charge = buildChargeModel(definition).price(units);
        expect(charge.amount.isNegative()).toBe(false);
        const sum = charge.breakdown.reduce((total, entry) => total.plus(entry.amount), new D(0));
        expect(sum.equals(charge.amount)).toBe(true);
      }),
    );
  });

  it('never exceeds the prorated maximum and always meets the prorated minimum', () => {
    fc.assert(
      fc.property(
        withIncludedArb(anyModelArb),
        limitsArb,
        factorArb,
        unitsArb,
        fc.constantFrom('both', 'minimum', 'maximum'),
        (definition, { minimum, maximum }, prorationFactor, units, which) => {
          const model = buildChargeModel(
            {
              ...definition,
              minimum: which === 'maximum' ? undefined : text(minimum),
              maximum: which === 'minimum' ? undefined : text(maximum),
            },
            { prorationFactor },
          );
          const { amount } = model.price(units);
          if (which !== 'maximum') {
            expect(amount.greaterThanOrEqualTo(minimum.times(prorationFactor))).toBe(true);
          }
          if (which !== 'minimum') {
            expect(amount.lessThanOrEqualTo(maximum.times(prorationFactor))).toBe(true);
          }
        },
      ),
    );
  });

  it('prorates a flat fee over any split of the period into parts summing to the fee', () => {
    const durationsArb = fc
      .array(fc.bigInt({ min: 0n, max: 2_678_400n }), { minLength: 1, maxLength: 12 })
      .filter((seconds) => seconds.some((s) => s > 0n))
      .map((seconds) => seconds.map((s) => new D(s.toString())));
    fc.assert(
      fc.property(feeArb, durationsArb, (fee, durations) => {
        const factors = segmentFactors(durations);
        expect(factorsCoverWholePeriod(factors)).toBe(true);
        const flat = buildChargeModel({ model: 'flat', amount: text(fee) });
        const parts = factors.map((factor) => prorate(flat.price(new D(0)).amount, factor));
        expect(parts.reduce((sum, part) => sum.plus(part), new D(0)).equals(fee)).toBe(true);
      }),
    );
  });
});
