import { validateChargeDefinition } from './charge-definition.validator';

const problems = (input: unknown) =>
  validateChargeDefinition(input).map(({ field, code }) => `${field}: ${code}`);

const tiered = (tiers: unknown) => ({ model: 'graduated', tiers });

describe('validateChargeDefinition', () => {
  it.each<[string, unknown]>([
    ['flat', { model: 'flat', amount: '0' }],
    ['per_unit', { model: 'per_unit', unitPrice: '0.55', included: '100' }],
    [
      'graduated',
      tiered([
        { upTo: '100', unitPrice: '0.50', flatFee: '10' },
        { upTo: '100.000000000000000001', unitPrice: '0.4' },
        { upTo: null, unitPrice: '0' },
      ]),
    ],
    ['volume', { model: 'volume', tiers: [{ upTo: null, unitPrice: '1' }] }],
    ['package', { model: 'package', size: '0.5', blockPrice: '30', minimum: '5', maximum: '5' }],
    [
      'percentage',
      { model: 'percentage', rate: '0', maximum: '99999999999999999999.999999999999999999' },
    ],
  ])('accepts a valid %s definition', (_model, definition) => {
    expect(problems(definition)).toEqual([]);
  });

  it.each<[unknown, string[]]>([
    [null, [': invalid_object']],
    [['flat'], [': invalid_object']],
    [{}, ['model: required']],
    [{ model: 'tiered' }, ['model: unknown_model']],
    [{ model: 'flat' }, ['amount: required']],
    [{ model: 'flat', amount: 5 }, ['amount: invalid_decimal']],
    [{ model: 'flat', amount: '1e3' }, ['amount: invalid_decimal']],
    [{ model: 'flat', amount: '.5' }, ['amount: invalid_decimal']],
    [{ model: 'flat', amount: '+5' }, ['amount: invalid_decimal']],
    [{ model: 'flat', amount: '1,000.00' }, ['amount: invalid_decimal']],
    [{ model: 'flat', amount: '-5' }, ['amount: negative']],
    [{ model: 'flat', amount: '1.0000000000000000001' }, ['amount: too_many_digits']],
    [{ model: 'flat', amount: '100000000000000000000' }, ['amount: too_many_digits']],
    [{ model: 'per_unit', unitPrice: '-0.55' }, ['unitPrice: negative']],
    [{ model: 'package', size: '0', blockPrice: '30' }, ['size: must_be_positive']],
    [{ model: 'package', size: '0.000', blockPrice: '30' }, ['size: must_be_positive']],
    [{ model: 'package', size: '-1' }, ['size: negative', 'blockPrice: required']],
    [{ model: 'percentage', rate: '-0.1' }, ['rate: negative']],
    [{ model: 'percentage', rate: null }, ['rate: invalid_decimal']],
  ])('rejects %j with %j', (definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it.each<[unknown, string[]]>([
    [undefined, ['tiers: required']],
    ['0-100', ['tiers: invalid_list']],
    [[], ['tiers: tiers_empty']],
    [[null], ['tiers.0: invalid_object']],
    [[{ upTo: '10', unitPrice: '1' }], ['tiers.0.upTo: last_tier_bounded']],
    [[{ unitPrice: '1' }], ['tiers.0.upTo: required']],
    [
      [
        { upTo: '0', unitPrice: '1' },
        { upTo: null, unitPrice: '1' },
      ],
      ['tiers.0.upTo: tier_bounds_not_ascending'],
    ],
    [
      [
        { upTo: '100', unitPrice: '1' },
        { upTo: '100', unitPrice: '1' },
        { upTo: null, unitPrice: '1' },
      ],
      ['tiers.1.upTo: tier_bounds_not_ascending'],
    ],
    [
      [
        { upTo: '100', unitPrice: '1' },
        { upTo: '50', unitPrice: '1' },
        { upTo: null, unitPrice: '1' },
      ],
      ['tiers.1.upTo: tier_bounds_not_ascending'],
    ],
    [
      [
        { upTo: null, unitPrice: '1' },
        { upTo: '50', unitPrice: '1' },
      ],
      ['tiers.0.upTo: unbounded_tier_not_last', 'tiers.1.upTo: last_tier_bounded'],
    ],
    [
      [
        { upTo: '100', unitPrice: '-1', flatFee: '-10' },
        { upTo: 'lots', unitPrice: '1', flatFee: 2 },
        { upTo: null },
      ],
      [
        'tiers.0.unitPrice: negative',
        'tiers.0.flatFee: negative',
        'tiers.1.flatFee: invalid_decimal',
        'tiers.1.upTo: invalid_decimal',
        'tiers.2.unitPrice: required',
      ],
    ],
  ])('rejects tiers %j with %j', (tiers, expected) => {
    expect(problems(tiered(tiers))).toEqual(expected);
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ included: '-1' }, ['included: negative']],
    [{ included: 'all' }, ['included: invalid_decimal']],
    [{ minimum: '100', maximum: '99.99' }, ['minimum: minimum_above_maximum']],
    [{ minimum: '-1', maximum: '-2' }, ['minimum: negative', 'maximum: negative']],
    [{ minimum: '-1' }, ['minimum: negative']],
    [{ maximum: '1e2' }, ['maximum: invalid_decimal']],
  ])('rejects options %j with %j', (options, expected) => {
    expect(problems({ model: 'per_unit', unitPrice: '1', ...options })).toEqual(expected);
  });

  it('returns every problem at once, with a message naming the field', () => {
    const errors = validateChargeDefinition({
      model: 'volume',
      tiers: [{ upTo: null, unitPrice: 'free' }],
      included: '-5',
    });
    expect(errors).toEqual([
      {
        field: 'tiers.0.unitPrice',
        code: 'invalid_decimal',
        message: expect.stringContaining('tiers.0.unitPrice must be a plain decimal string'),
      },
      { field: 'included', code: 'negative', message: 'included must not be negative' },
    ]);
  });
});
