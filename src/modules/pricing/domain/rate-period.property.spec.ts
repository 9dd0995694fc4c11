import fc from 'fast-check';
import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import { roundHalfUp } from '../../../shared/money/rounding';
import type { PlanVersionTerms } from './plan-version-terms';
import { segmentFactors } from './proration';
import { ratePeriod, type RatingSegment } from './rate-period';
import type { UsageQuantities } from './usage-aggregates';

const decimalArb = (maxUnits: bigint, maxScale: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => new D(`${units.toString()}e-${scale}`));
const text = (value: Dec) => formatDecimal(value);
const priceArb = decimalArb(10n ** 7n, 4).map(text);
const dbuArb = decimalArb(10n ** 12n, 18);

const termsArb: fc.Arbitrary<PlanVersionTerms> = fc
  .record({
    fee: priceArb,
    perDbu: priceArb,
    rate: decimalArb(300n, 2).map(text),
    cap: fc.option(
      fc.record({
        amount: decimalArb(10n ** 6n, 2).map(text),
        policy: fc.constantFrom('absorb' as const, 'overage' as const, 'block' as const),
        overagePrice: priceArb,
      }),
      { nil: null },
    ),
  })
  .map(({ fee, perDbu, rate, cap }) => ({
    model: cap ? 'bundled' : 'hybrid',
    currency: 'USD',
    charges: [
      {
        key: 'subscription',
        description: 'fee',
        basis: 'subscription',
        pricing: { model: 'flat', amount: fee },
      },
      {
        key: 'rooms',
        description: 'rooms',
        basis: 'room',
        pricing: { model: 'per_unit', unitPrice: perDbu },
      },
      {
        key: 'runs',
        description: 'runs',
        basis: 'partner_dbu',
        pricing: { model: 'per_unit', unitPrice: perDbu },
      },
      {
        key: 'markup',
        description: 'markup',
        basis: 'partner_cost',
        pricing: { model: 'percentage', rate },
      },
    ],
    exposureCap: cap
      ? {
          measure: 'dbu',
          amount: cap.amount,
          policy: cap.policy,
          ...(cap.policy === 'overage' ? { overagePrice: cap.overagePrice } : {}),
        }
      : null,
  }));

const usageArb: fc.Arbitrary<UsageQuantities> = fc
  .record({ partnerDbu: dbuArb, customerDbu: dbuArb, price: decimalArb(1000n, 3) })
  .map(({ partnerDbu, customerDbu, price }) => ({
    partnerDbu,
    partnerCost: partnerDbu.times(price),
    partnerListCost: partnerDbu.times(price),
    customerDbu,
    customerListCost: customerDbu.times(price),
    partnerRuns: new D(0),
  }));

// A month split at up to three plan changes, each part with its own terms and usage.
const segmentsArb: fc.Arbitrary<RatingSegment[]> = fc
  .array(
    fc.record({
      seconds: fc.integer({ min: 1, max: 1_000_000 }),
      terms: termsArb,
      usage: usageArb,
      rooms: fc.integer({ min: 0, max: 40 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => {
    const factors = segmentFactors(parts.map((part) => new D(part.seconds)));
    let at = Date.UTC(2032, 2, 1);
    return parts.map((part, i) => {
      const from = new Date(at);
      at += part.seconds * 1000;
      return {
        from,
        to: new Date(at),
        factor: factors[i],
        planVersionId: null,
        terms: part.terms,
        usage: { totals: part.usage, activeRooms: part.rooms, rooms: [] },
      };
    });
  });

describe('ratePeriod properties', () => {
  it('totals the rounded lines exactly, each line rounded half-up once, none negative', () => {
    fc.assert(
      fc.property(segmentsArb, (segments) => {
        const result = ratePeriod({ currency: 'USD', segments });
        const sum = result.lines.reduce((total, line) => total.plus(line.roundedAmount), new D(0));
        expect(result.total.equals(sum)).toBe(true);
        for (const line of result.lines) {
          expect(line.roundedAmount.equals(roundHalfUp(line.amount, 2))).toBe(true);
          expect(line.amount.isNegative() && !line.amount.isZero()).toBe(false);
        }
      }),
    );
  });

  it('bills a subscription fee kept across plan changes exactly once over the period', () => {
    fc.assert(
      fc.property(segmentsArb, priceArb, (segments, fee) => {
        const sameFee = segments.map((segment) => ({
          ...segment,
          terms: {
            ...segment.terms,
            charges: segment.terms.charges.map((charge) =>
              charge.key === 'subscription'
                ? { ...charge, pricing: { model: 'flat' as const, amount: fee } }
                : charge,
            ),
          },
        }));
        const result = ratePeriod({ currency: 'USD', segments: sameFee });
        const billed = result.lines
          .filter((line) => line.chargeKey === 'subscription')
          .reduce((total, line) => total.plus(line.amount), new D(0));
        expect(billed.equals(new D(fee))).toBe(true);
      }),
    );
  });

  it('invoices overage only beyond the prorated cap, and never more than the excess', () => {
    fc.assert(
      fc.property(segmentsArb, (segments) => {
        const result = ratePeriod({ currency: 'USD', segments });
        for (const cap of result.caps) {
          const segment = segments[cap.segment];
          const limit = new D(segment.terms.exposureCap?.amount ?? '0').times(segment.factor);
          const excess = D.max(segment.usage.totals.partnerDbu.minus(limit), 0);
          expect(cap.evaluation.excessDbu.equals(excess)).toBe(true);
          const overage = result.lines.find(
            (line) => line.kind === 'overage' && line.segment === cap.segment,
          );
          const expectsLine = cap.definition.policy === 'overage' && !excess.isZero();
          expect(overage !== undefined).toBe(expectsLine);
          if (overage) expect(overage.quantity.equals(excess)).toBe(true);
        }
      }),
    );
  });
});
