import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import type { PerUnitChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';

const perDbu: PerUnitChargeDefinition = { model: 'per_unit', unitPrice: '0.55' };

const amountOf = (definition: PerUnitChargeDefinition, units: string, factor = '1') =>
  buildChargeModel(definition, { prorationFactor: new D(factor) })
    .price(parseDecimal(units))
    .amount.toString();

describe('PerUnitChargeModel', () => {
  it.each([
    ['0', '0'],
    ['1', '0.55'],
    ['0.000000000000000001', '0.00000000000000000055'],
    ['1.842275', '1.01325125'],
    ['123.456789012345678', '67.9012339567901229'],
    ['100000000000000000000', '55000000000000000000'],
    ['99999999999999999999.999999999999999999', '54999999999999999999.99999999999999999945'],
  ])('prices %s units at %s', (units, amount) => {
    expect(amountOf(perDbu, units)).toBe(amount);
  });

  it('explains units x unit price', () => {
    expect(chargeAmountToJson(buildChargeModel(perDbu).price(new D(3)))).toEqual({
      amount: '1.65',
      breakdown: [
        { kind: 'per_unit', units: '3', unitPrice: '0.55', flatFee: '0', amount: '1.65' },
      ],
    });
  });

  it.each([
    // included 100: the allowance is the only bound a per-unit charge has
    ['0', '0'],
    ['99', '0'],
    ['100', '0'],
    ['100.000000000000000001', '0.00000000000000000055'],
    ['101', '0.55'],
  ])('takes 100 included units off first: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...perDbu, included: '100' }, units)).toBe(amount);
  });

  it.each([
    // minimum 10 and maximum 20, prorated by 0.5 to 5 and 10
    ['0', '5'],
    ['9.09', '5'],
    ['10', '5.5'],
    ['18.18', '9.999'],
    ['20', '10'],
    ['100000000000000000000', '10'],
  ])('clamps to half the minimum and maximum at factor 0.5: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...perDbu, minimum: '10', maximum: '20' }, units, '0.5')).toBe(amount);
  });
});
