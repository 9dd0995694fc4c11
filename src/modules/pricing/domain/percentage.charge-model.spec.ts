import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import type { PercentageChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';

// A 15 % markup on partner cost: the units are the cost basis, an amount.
const markup: PercentageChargeDefinition = { model: 'percentage', rate: '0.15' };

const amountOf = (definition: PercentageChargeDefinition, basis: string, factor = '1') =>
  buildChargeModel(definition, { prorationFactor: new D(factor) })
    .price(parseDecimal(basis))
    .amount.toString();

describe('PercentageChargeModel', () => {
  it.each([
    ['0', '0'],
    ['100', '15'],
    ['0.000000000000000001', '0.00000000000000000015'],
    ['1234.567890123456789', '185.18518351851851835'],
    ['100000000000000000000', '15000000000000000000'],
  ])('charges 15 %% of a cost basis of %s: %s', (basis, amount) => {
    expect(amountOf(markup, basis)).toBe(amount);
  });

  it('explains the basis and the rate', () => {
    expect(chargeAmountToJson(buildChargeModel(markup).price(new D('64.479625')))).toEqual({
      amount: '9.67194375',
      breakdown: [
        {
          kind: 'percentage',
          units: '64.479625',
          unitPrice: '0.15',
          flatFee: '0',
          amount: '9.67194375',
        },
      ],
    });
  });

  it.each([
    ['0', '0'],
    ['1000', '0'],
    ['1100', '15'],
  ])('takes an included cost of 1000 off first: %s -> %s', (basis, amount) => {
    expect(amountOf({ ...markup, included: '1000' }, basis)).toBe(amount);
  });

  it.each([
    // minimum 20 and maximum 40, prorated by 0.5 to 10 and 20
    ['0', '10'],
    ['100', '15'],
    ['1000', '20'],
  ])('clamps to half the minimum and maximum at factor 0.5: %s -> %s', (basis, amount) => {
    expect(amountOf({ ...markup, minimum: '20', maximum: '40' }, basis, '0.5')).toBe(amount);
  });
});
