import { D } from '../../../shared/money/decimal';
import { buildChargeModel } from './charge-model.factory';

describe('prorated period fees', () => {
  it.each([
    // [fee, factor, prorated]: a 10-day segment of June is 1/3 of it, cut at 40 decimals.
    [
      '300',
      '0.3333333333333333333333333333333333333333',
      '99.99999999999999999999999999999999999999',
    ],
    ['300', '0.5', '150'],
    ['300', '1', '300'],
    ['0', '0.5', '0'],
  ])('a %s fee over a factor %s is %s', (fee, factor, expected) => {
    const model = buildChargeModel(
      { model: 'flat', amount: fee },
      { prorationFactor: new D(factor), prorateAmount: true },
    );
    expect(model.price(new D(1)).amount.toString()).toBe(expected);
  });

  it('applies the prorated minimum to the prorated amount, not twice', () => {
    // A 100 fee with a 150 minimum over half the period: 50, topped up to 75 (150 × 0.5).
    const model = buildChargeModel(
      { model: 'flat', amount: '100', minimum: '150' },
      { prorationFactor: new D('0.5'), prorateAmount: true },
    );
    const priced = model.price(new D(1));
    expect(priced.amount.toString()).toBe('75');
    expect(priced.breakdown.map((entry) => `${entry.kind}:${entry.amount.toString()}`)).toEqual([
      'flat:100',
      'proration:-50',
      'minimum:25',
    ]);
  });

  it('leaves usage charges unprorated when asked only to prorate limits', () => {
    const model = buildChargeModel(
      { model: 'per_unit', unitPrice: '2' },
      { prorationFactor: new D('0.5') },
    );
    expect(model.price(new D(10)).amount.toString()).toBe('20');
  });
});
