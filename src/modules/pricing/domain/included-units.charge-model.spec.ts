import { D, parseDecimal } from '../../../shared/money/decimal';
import { chargeAmountToJson } from './charge-amount.serializer';
import { IncludedUnitsChargeModel } from './included-units.charge-model';
import { PerUnitChargeModel } from './per-unit.charge-model';

const model = (included: string) =>
  new IncludedUnitsChargeModel(new PerUnitChargeModel(new D('2')), parseDecimal(included));

describe('IncludedUnitsChargeModel', () => {
  it.each([
    // [included, units, free units, amount]
    ['10', '0', null, '0'],
    ['10', '4', '4', '0'],
    ['10', '10', '10', '0'],
    ['10', '10.000000000000000001', '10', '0.000000000000000002'],
    ['10', '25', '10', '30'],
    ['0', '25', null, '50'],
    ['100000000000000000000', '100000000000000000000', '100000000000000000000', '0'],
  ])('with %s included, %s units use %s free and cost %s', (included, units, free, amount) => {
    const charge = chargeAmountToJson(model(included).price(parseDecimal(units)));
    expect(charge.amount).toBe(amount);
    const listed = charge.breakdown.find((entry) => entry.kind === 'included');
    expect(listed?.units ?? null).toBe(free);
  });

  it('lists the free units first, then what the wrapped model priced', () => {
    expect(chargeAmountToJson(model('10').price(new D(25)))).toEqual({
      amount: '30',
      breakdown: [
        { kind: 'included', units: '10', unitPrice: '0', flatFee: '0', amount: '0' },
        { kind: 'per_unit', units: '15', unitPrice: '2', flatFee: '0', amount: '30' },
      ],
    });
  });

  it('refuses negative usage rather than pricing it as zero', () => {
    expect(() => model('10').price(new D('-1'))).toThrow(RangeError);
  });
});
