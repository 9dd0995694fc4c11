import { D, type Dec, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import { type MinimumMaximum, MinimumMaximumChargeModel } from './minimum-maximum.charge-model';
import { PerUnitChargeModel } from './per-unit.charge-model';

const dec = (text: string | undefined): Dec | undefined =>
  text === undefined ? undefined : parseDecimal(text);

const clamped = (limits: { minimum?: string; maximum?: string; factor?: string }) => {
  const options: MinimumMaximum = {
    minimum: dec(limits.minimum),
    maximum: dec(limits.maximum),
    prorationFactor: dec(limits.factor),
  };
  return new MinimumMaximumChargeModel(new PerUnitChargeModel(new D(1)), options);
};

describe('MinimumMaximumChargeModel', () => {
  it.each([
    // [units, amount]: minimum 100 and maximum 500 prorated by 0.5 to 50 and 250
    ['0', '50'],
    ['49.999999999999999999', '50'],
    ['50', '50'],
    ['200', '200'],
    ['250', '250'],
    ['250.000000000000000001', '250'],
    ['100000000000000000000', '250'],
  ])('at factor 0.5, %s units -> %s', (units, amount) => {
    const model = clamped({ minimum: '100', maximum: '500', factor: '0.5' });
    expect(model.price(parseDecimal(units)).amount.toString()).toBe(amount);
  });

  it('notes a minimum top-up with the limit and the amounts before and after', () => {
    const model = clamped({ minimum: '100', maximum: '500', factor: '0.5' });
    expect(chargeAmountToJson(model.price(new D(20)))).toEqual({
      amount: '50',
      breakdown: [
        { kind: 'per_unit', units: '20', unitPrice: '1', flatFee: '0', amount: '20' },
        {
          kind: 'minimum',
          limit: '50',
          amountBefore: '20',
          amountAfter: '50',
          units: '0',
          unitPrice: '0',
          flatFee: '0',
          amount: '30',
        },
      ],
    });
  });

  it('notes a maximum cut as a negative entry', () => {
    const model = clamped({ maximum: '500', factor: '0.5' });
    expect(chargeAmountToJson(model.price(new D(300))).breakdown[1]).toEqual({
      kind: 'maximum',
      limit: '250',
      amountBefore: '300',
      amountAfter: '250',
      units: '0',
      unitPrice: '0',
      flatFee: '0',
      amount: '-50',
    });
  });

  it('adds nothing when the amount is within the limits', () => {
    const model = clamped({ minimum: '100', maximum: '500' });
    expect(model.price(new D(300)).breakdown.map((entry) => entry.kind)).toEqual(['per_unit']);
  });

  it.each([
    // [factor, units, amount]: minimum 100 and maximum 500
    ['1', '0', '100'],
    ['1', '600', '500'],
    ['0', '0', '0'],
    ['0', '600', '0'],
    ['0.25', '0', '25'],
  ])('prorates the limits by factor %s: %s units -> %s', (factor, units, amount) => {
    const model = clamped({ minimum: '100', maximum: '500', factor });
    expect(model.price(parseDecimal(units)).amount.toString()).toBe(amount);
  });

  it('applies the minimum before the maximum, so a maximum below the minimum wins', () => {
    const charge = clamped({ minimum: '100', maximum: '50' }).price(new D(0));
    expect(charge.amount.toString()).toBe('50');
    expect(charge.breakdown.map((entry) => [entry.kind, entry.amount.toString()])).toEqual([
      ['per_unit', '0'],
      ['minimum', '100'],
      ['maximum', '-50'],
    ]);
  });

  it.each(['-0.1', '1.000000000000000001'])('refuses the proration factor %s', (factor) => {
    expect(() => clamped({ minimum: '1', factor })).toThrow(/within \[0, 1\]/);
  });
});
