import { planVersionTermsFrom } from './plan-templates';
import { validatePlanVersionTerms } from './plan-version.validator';

const codes = (input: unknown) =>
  validatePlanVersionTerms(input).map((error) => `${error.field}:${error.code}`);

const flat = (key = 'subscription') => ({
  key,
  description: 'Fee',
  basis: 'subscription',
  pricing: { model: 'flat', amount: '10' },
});

describe('validatePlanVersionTerms', () => {
  it.each([
    ['no charges', { model: 'custom', currency: 'USD', charges: [] }, ['charges:charges_empty']],
    [
      'a repeated key, an unknown basis and a stray field',
      {
        model: 'custom',
        currency: 'USD',
        charges: [flat(), { ...flat(), basis: 'dbu', colour: 'red' }],
      },
      [
        'charges.1.colour:unknown_field',
        'charges.1.key:duplicate_charge_key',
        'charges.1.basis:unknown_basis',
      ],
    ],
    [
      'a percentage on DBU',
      {
        model: 'custom',
        currency: 'USD',
        charges: [
          { ...flat(), basis: 'partner_dbu', pricing: { model: 'percentage', rate: '0.1' } },
        ],
      },
      ['charges.0.basis:percentage_needs_cost_basis'],
    ],
    [
      'tiers out of order, deep in a charge',
      {
        model: 'custom',
        currency: 'USD',
        charges: [
          {
            ...flat(),
            basis: 'partner_dbu',
            pricing: {
              model: 'graduated',
              tiers: [
                { upTo: '10', unitPrice: '1' },
                { upTo: '5', unitPrice: '1' },
                { upTo: null, unitPrice: '1' },
              ],
            },
          },
        ],
      },
      ['charges.0.pricing.tiers.1.upTo:tier_bounds_not_ascending'],
    ],
    [
      'bundled without a cap',
      { model: 'bundled', currency: 'USD', charges: [flat()] },
      ['exposureCap:cap_required'],
    ],
    [
      'a cap on a pass-through plan',
      {
        model: 'pass_through',
        currency: 'USD',
        charges: [flat()],
        exposureCap: { measure: 'dbu', amount: '1', policy: 'absorb' },
      },
      ['exposureCap:cap_not_allowed'],
    ],
    [
      'overage without its price',
      {
        model: 'bundled',
        currency: 'USD',
        charges: [flat()],
        exposureCap: { measure: 'dbu', amount: '1', policy: 'overage' },
      },
      ['exposureCap.overagePrice:required'],
    ],
    [
      'an overage price on an absorb cap, a negative amount, a lower-case currency',
      {
        model: 'bundled',
        currency: 'usd',
        charges: [flat()],
        exposureCap: { measure: 'dbu', amount: '-1', policy: 'absorb', overagePrice: '1' },
      },
      [
        'currency:invalid_currency',
        'exposureCap.amount:negative',
        'exposureCap.overagePrice:not_allowed',
      ],
    ],
  ])('refuses %s', (_case, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('accepts each template filled with its parameters', () => {
    for (const input of [
      { model: 'pass_through' as const, currency: 'USD', subscriptionFee: '1' },
      {
        model: 'bundled' as const,
        currency: 'USD',
        subscriptionFee: '1',
        exposureCap: { measure: 'cost' as const, amount: '500', policy: 'block' as const },
      },
      { model: 'hybrid' as const, currency: 'USD', subscriptionFee: '1', addOnUnitPrice: '0.5' },
    ]) {
      const { terms, errors } = planVersionTermsFrom(input);
      expect(errors).toEqual([]);
      expect(codes(terms)).toEqual([]);
    }
  });
});

describe('planVersionTermsFrom', () => {
  it('names the template parameters that are missing', () => {
    expect(
      planVersionTermsFrom({ model: 'hybrid', currency: 'USD' }).errors.map((e) => e.field),
    ).toEqual(['subscriptionFee', 'addOnUnitPrice']);
  });

  it('lets a given charge replace the template charge with its key and adds the others', () => {
    const { terms } = planVersionTermsFrom({
      model: 'pass_through',
      currency: 'USD',
      subscriptionFee: '100',
      charges: [
        {
          ...flat('partner_compute'),
          basis: 'partner_cost',
          pricing: { model: 'percentage', rate: '1.2' },
        },
        flat('onboarding'),
      ],
    });
    expect((terms.charges as { key: string }[]).map((charge) => charge.key)).toEqual([
      'subscription',
      'partner_compute',
      'onboarding',
    ]);
    expect(codes(terms)).toEqual([]);
  });
});
