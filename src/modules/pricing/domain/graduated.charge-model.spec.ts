import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import type { TieredChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';
import { GraduatedChargeModel } from './graduated.charge-model';

// 0-100 at 0.50 + 10 flat, 100-1000 at 0.40 + 5 flat, above 1000 at 0.25.
const sheet: TieredChargeDefinition = {
  model: 'graduated',
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

describe('GraduatedChargeModel', () => {
  it.each([
    // [units, amount, how]
    ['0', '10', "first tier's flat fee only"],
    ['0.000000000000000001', '10.0000000000000000005', '1e-18 x 0.50 + 10'],
    ['50.123456789012345678', '35.061728394506172839', '25.061728394506172839 + 10'],
    ['100', '60', 'exactly at the bound: 100 x 0.50 + 10'],
    ['100.000000000000000001', '65.0000000000000000004', '60 + 1e-18 x 0.40 + 5'],
    ['101', '65.4', '60 + 1 x 0.40 + 5'],
    ['1000', '425', '60 + 900 x 0.40 + 5'],
    ['1001', '425.25', '425 + 1 x 0.25'],
    ['100000000000000000000', '25000000000000000175', '425 + (1e20 - 1000) x 0.25'],
    [
      '99999999999999999999.999999999999999999',
      '25000000000000000174.99999999999999999975',
      '425 + 99999999999999998999.999999999999999999 x 0.25',
    ],
  ])('prices %s units at %s (%s)', (units, amount) => {
    expect(amountOf(sheet, units)).toBe(amount);
  });

  it('explains each tier used, with the first tier listed at zero usage', () => {
    const model = buildChargeModel(sheet);
    expect(chargeAmountToJson(model.price(new D(0)))).toEqual({
      amount: '10',
      breakdown: [
        {
          kind: 'graduated_tier',
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
    expect(chargeAmountToJson(model.price(new D(1001))).breakdown).toEqual([
      {
        kind: 'graduated_tier',
        tier: 1,
        from: '0',
        upTo: '100',
        units: '100',
        unitPrice: '0.5',
        flatFee: '10',
        amount: '60',
      },
      {
        kind: 'graduated_tier',
        tier: 2,
        from: '100',
        upTo: '1000',
        units: '900',
        unitPrice: '0.4',
        flatFee: '5',
        amount: '365',
      },
      {
        kind: 'graduated_tier',
        tier: 3,
        from: '1000',
        upTo: null,
        units: '1',
        unitPrice: '0.25',
        flatFee: '0',
        amount: '0.25',
      },
    ]);
  });

  it.each([
    // A flat fee per tier and no unit price: a step function of the tiers entered.
    ['0', '100'],
    ['10', '100'],
    ['10.5', '150'],
    ['20', '150'],
    ['20.000000000000000001', '175'],
  ])('charges the flat fee of every tier entered: %s units -> %s', (units, amount) => {
    const steps: TieredChargeDefinition = {
      model: 'graduated',
      tiers: [
        { upTo: '10', unitPrice: '0', flatFee: '100' },
        { upTo: '20', unitPrice: '0', flatFee: '50' },
        { upTo: null, unitPrice: '0', flatFee: '25' },
      ],
    };
    expect(amountOf(steps, units)).toBe(amount);
  });

  it.each([
    // included 1000: tiers count from the first paid unit
    ['0', '10'],
    ['1000', '10'],
    ['1100', '60'],
    ['1101', '65.4'],
  ])('takes 1000 included units off first: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...sheet, included: '1000' }, units)).toBe(amount);
  });

  it.each([
    // minimum 100 and maximum 300, prorated by 0.5 to 50 and 150
    ['0', '50'],
    ['100', '60'],
    ['300', '145'],
    ['325', '150'],
    ['1000', '150'],
  ])('clamps to half the minimum and maximum at factor 0.5: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...sheet, minimum: '100', maximum: '300' }, units, '0.5')).toBe(amount);
  });

  it('refuses negative units', () => {
    expect(() => buildChargeModel(sheet).price(new D('-1'))).toThrow(RangeError);
  });

  it.each([
    [[], /at least one tier/],
    [[{ upTo: new D(10), unitPrice: new D(1), flatFee: new D(0) }], /last tier must be unbounded/],
    [
      [
        { upTo: null, unitPrice: new D(1), flatFee: new D(0) },
        { upTo: null, unitPrice: new D(1), flatFee: new D(0) },
      ],
      /Only the last tier/,
    ],
    [
      [
        { upTo: new D(0), unitPrice: new D(1), flatFee: new D(0) },
        { upTo: null, unitPrice: new D(1), flatFee: new D(0) },
      ],
      /must be above 0/,
    ],
  ])('refuses a malformed sheet built in code (%#)', (tiers, error) => {
    expect(() => new GraduatedChargeModel(tiers)).toThrow(error);
  });
});
