import { D } from '../../../shared/money/decimal';
import type { ChargeDefinition } from './charge-definition';
import { buildChargeModel } from './charge-model.factory';
import { FlatChargeModel } from './flat.charge-model';
import { GraduatedChargeModel } from './graduated.charge-model';
import { IncludedUnitsChargeModel } from './included-units.charge-model';
import { MinimumMaximumChargeModel } from './minimum-maximum.charge-model';
import { PackageChargeModel } from './package.charge-model';
import { PercentageChargeModel } from './percentage.charge-model';
import { PerUnitChargeModel } from './per-unit.charge-model';
import { VolumeChargeModel } from './volume.charge-model';

const tiers = [
  { upTo: '10', unitPrice: '1' },
  { upTo: null, unitPrice: '0.5' },
];

describe('buildChargeModel', () => {
  it.each<[ChargeDefinition, unknown, string]>([
    [{ model: 'flat', amount: '5' }, FlatChargeModel, '5'],
    [{ model: 'per_unit', unitPrice: '2' }, PerUnitChargeModel, '24'],
    [{ model: 'graduated', tiers }, GraduatedChargeModel, '11'],
    [{ model: 'volume', tiers }, VolumeChargeModel, '6'],
    [{ model: 'package', size: '5', blockPrice: '3' }, PackageChargeModel, '9'],
    [{ model: 'percentage', rate: '0.1' }, PercentageChargeModel, '1.2'],
  ])('builds %j as its model class; 12 units cost %s', (definition, type, amount) => {
    const model = buildChargeModel(definition);
    expect(model).toBeInstanceOf(type);
    expect(model.price(new D(12)).amount.toString()).toBe(amount);
  });

  it('wraps included units inside the minimum and maximum', () => {
    const model = buildChargeModel(
      { model: 'per_unit', unitPrice: '2', included: '10', minimum: '10', maximum: '100' },
      { prorationFactor: new D('0.5') },
    );
    expect(model).toBeInstanceOf(MinimumMaximumChargeModel);
    // 12 units - 10 included = 2 x 2 = 4, raised to the prorated minimum of 5.
    const charge = model.price(new D(12));
    expect(charge.amount.toString()).toBe('5');
    expect(charge.breakdown.map((entry) => entry.kind)).toEqual([
      'included',
      'per_unit',
      'minimum',
    ]);
  });

  it('wraps only what the options ask for', () => {
    expect(buildChargeModel({ model: 'flat', amount: '5', included: '1' })).toBeInstanceOf(
      IncludedUnitsChargeModel,
    );
    expect(buildChargeModel({ model: 'flat', amount: '5', maximum: '1' })).toBeInstanceOf(
      MinimumMaximumChargeModel,
    );
  });

  it('prorates the limits over the whole period by default', () => {
    const model = buildChargeModel({ model: 'flat', amount: '0', minimum: '100' });
    expect(model.price(new D(0)).amount.toString()).toBe('100');
  });

  it('refuses an invalid definition with its field errors', () => {
    const invalid = { model: 'package', size: '0', blockPrice: '-1' } as ChargeDefinition;
    expect(() => buildChargeModel(invalid)).toThrow(
      expect.objectContaining({
        code: 'invalid_charge_definition',
        status: 400,
        fieldErrors: [
          expect.objectContaining({ field: 'size', code: 'must_be_positive' }),
          expect.objectContaining({ field: 'blockPrice', code: 'negative' }),
        ],
      }),
    );
  });
});
