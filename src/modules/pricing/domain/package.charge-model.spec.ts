import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import type { PackageChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';
import { PackageChargeModel } from './package.charge-model';

const hundreds: PackageChargeDefinition = { model: 'package', size: '100', blockPrice: '30' };

const amountOf = (definition: PackageChargeDefinition, units: string, factor = '1') =>
  buildChargeModel(definition, { prorationFactor: new D(factor) })
    .price(parseDecimal(units))
    .amount.toString();

describe('PackageChargeModel', () => {
  it.each([
    // [units, amount, blocks]
    ['0', '0', '0'],
    ['0.000000000000000001', '30', '1'],
    ['1', '30', '1'],
    ['100', '30', '1'],
    ['100.000000000000000001', '60', '2'],
    ['101', '60', '2'],
    ['200', '60', '2'],
    ['100000000000000000000', '30000000000000000000', '1000000000000000000'],
    ['100000000000000000000.000000000000000001', '30000000000000000030', '1000000000000000001'],
  ])('prices %s units at %s (%s blocks of 100)', (units, amount, blocks) => {
    const charge = chargeAmountToJson(buildChargeModel(hundreds).price(parseDecimal(units)));
    expect(charge).toEqual({
      amount,
      breakdown: [
        { kind: 'package', units, blocks, blockSize: '100', unitPrice: '30', flatFee: '0', amount },
      ],
    });
  });

  it.each([
    // blocks of 0.5 at 1.25
    ['1', '2.5'],
    ['1.2', '3.75'],
    ['1.5', '3.75'],
    ['1.500000000000000001', '5'],
  ])('rounds blocks of a fractional size up: %s units -> %s', (units, amount) => {
    expect(amountOf({ model: 'package', size: '0.5', blockPrice: '1.25' }, units)).toBe(amount);
  });

  it.each([
    // included 50 come off before blocks are counted
    ['0', '0'],
    ['50', '0'],
    ['50.000000000000000001', '30'],
    ['150', '30'],
    ['150.000000000000000001', '60'],
  ])('takes 50 included units off before counting blocks: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...hundreds, included: '50' }, units)).toBe(amount);
  });

  it.each([
    // minimum 100 and maximum 200, prorated by 0.5 to 50 and 100
    ['0', '50'],
    ['101', '60'],
    ['300', '90'],
    ['301', '100'],
    ['1000', '100'],
  ])('clamps to half the minimum and maximum at factor 0.5: %s units -> %s', (units, amount) => {
    expect(amountOf({ ...hundreds, minimum: '100', maximum: '200' }, units, '0.5')).toBe(amount);
  });

  it('refuses a block size of zero', () => {
    expect(() => new PackageChargeModel(new D(0), new D(30))).toThrow(/above zero/);
  });
});
