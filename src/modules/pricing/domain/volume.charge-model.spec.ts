import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import type { TieredChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';

// Up to 100 at 0.50 + 10 flat, up to 1000 at 0.40 + 5 flat, above 1000 at 0.25.
const sheet: TieredChargeDefinition = {
  model: 'volume',
  tiers: [
    { upTo: '100', unitPrice: '0.50', flatFee: '10' },
    { upTo: '1000', unitPrice: '0.40', flatFee: '5' },
    { upTo: null, unitPrice: '0.25' },
  ],
};

const amountOf = (definition: TieredChargeDefinition, units: string, factor = '1') =>
  buildChargeModel(definition, { prorationFactor: new D(factor) })
    .price(parseDecimal(units))
    .amount.toString();

describe('VolumeChargeModel', () => {
  it.each([
    // [units, amount, how]
    ['0', '10', "first tier's flat fee at zero usage"],
    ['0.000000000000000001', '10.0000000000000000005', '1e-18 x 0.50 + 10'],
    ['50.123456789012345678', '35.061728394506172839', '25.061728394506172839 + 10'],
    ['100', '60', 'exactly at the bound stays in tier 1: 100 x 0.50 + 10'],
    ['100.000000000000000001', '45.0000000000000000004', '100.000000000000000001 x 0.40 + 5'],
    ['101', '45.4', '101 x 0.40 + 5'],
    ['1000', '405', '1000 x 0.40 + 5'],
    ['1001', '250.25', '1001 x 0.25'],
    ['100000000000000000000', '25000000000000000000', '1e20 x 0.25'],
    [
      '99999999999999999999.999999999999999999',
      '24999999999999999999.99999999999999999975',
      'x 0.25',
    ],
  ])('prices %s units at %s (%s)', (units, amount) => {
    expect(amountOf(sheet, units)).toBe(amount);
  });

  it('drops when usage crosses a bound into a cheaper tier: that is the model', () => {
    expect([amountOf(sheet, '100'), amountOf(sheet, '101')]).toEqual(['60', '45.4']);
    expect([amountOf(sheet, '1000'), amountOf(sheet, '1001')]).toEqual(['405', '250.25']);
  });

  it('explains the one tier the total falls in', () => {
    const model = buildChargeModel(sheet);
    expect(chargeAmountToJson(model.price(new D(0)))).toEqual({
      amount: '10',
      breakdown: [
        {
          kind: 'volume_tier',
          tier: 1,
          from: '0',
          upTo: '100',
          units: '0',
          unitPrice: '0.5',
          flatFee: '10',
          amount: '10',
        },
      ],
    });
    expect(chargeAmountToJson(model.price(new D(101))).breakdown).toEqual([
      {
        kind: 'volume_tier',
        tier: 2,
        from: '100',
        upTo: '1000',
        units: '101',
        unitPrice: '0.4',
        flatFee: '5',
        amount: '45.4',
      },
    ]);
  });

  it.each([
    ['0', '10'],
    ['1000', '10'],
    ['1100', '60'],
    ['1101', '45.4'],
  ])('takes 1000 included units off first: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...sheet, included: '1000' }, units)).toBe(amount);
  });

  it.each([
    // minimum 100 and maximum 300, prorated by 0.5 to 50 and 150
    ['0', '50'],
    ['100', '60'],
    ['101', '50'],
    ['200', '85'],
    ['1000', '150'],
    ['1001', '150'],
  ])('clamps to half the minimum and maximum at factor 0.5: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...sheet, minimum: '100', maximum: '300' }, units, '0.5')).toBe(amount);
  });
});
