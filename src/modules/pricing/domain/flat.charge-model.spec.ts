import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import type { FlatChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';

const fee: FlatChargeDefinition = { model: 'flat', amount: '99.99' };

const amountOf = (definition: FlatChargeDefinition, units: string, factor = '1') =>
  buildChargeModel(definition, { prorationFactor: new D(factor) })
    .price(parseDecimal(units))
    .amount.toString();

describe('FlatChargeModel', () => {
  it.each(['0', '0.000000000000000001', '1', '100000000000000000000'])(
    'charges 99.99 whatever the usage (%s units)',
    (units) => {
      expect(amountOf(fee, units)).toBe('99.99');
    },
  );

  it('explains the fee as a flat fee, with the units for information', () => {
    expect(chargeAmountToJson(buildChargeModel(fee).price(new D(7)))).toEqual({
      amount: '99.99',
      breakdown: [{ kind: 'flat', units: '7', unitPrice: '0', flatFee: '99.99', amount: '99.99' }],
    });
  });

  it('still charges the fee when included units cover all usage', () => {
    expect(amountOf({ ...fee, included: '10' }, '10')).toBe('99.99');
  });

  it.each([
    // [minimum, maximum, amount]: limits prorated by 0.5
    ['300', undefined, '150'],
    [undefined, '100', '50'],
    ['100', '300', '99.99'],
  ])('clamps to min %s / max %s at factor 0.5: %s', (minimum, maximum, amount) => {
    expect(amountOf({ ...fee, minimum, maximum }, '0', '0.5')).toBe(amount);
  });
});
