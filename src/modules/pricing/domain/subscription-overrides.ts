import type { ExposureCapDefinition, PlanCharge, PlanVersionTerms } from './plan-version-terms';

/**
 * A customer's own prices on top of its plan version: per charge key, pricing fields that
 * replace the version's (`{ "subscription": { "amount": "4000" } }`), and cap fields.
 */
export interface SubscriptionOverrides {
  readonly charges?: Readonly<Record<string, Record<string, unknown>>>;
  readonly exposureCap?: Partial<ExposureCapDefinition>;
}

/** The terms a customer is billed on: the version's, with its overrides laid over them. */
export function applyOverrides(
  terms: PlanVersionTerms,
  overrides: SubscriptionOverrides | null,
): PlanVersionTerms {
  if (!overrides) return terms;
  const charges = terms.charges.map((charge): PlanCharge => {
    const override = overrides.charges?.[charge.key];
    if (!override) return charge;
    return { ...charge, pricing: { ...charge.pricing, ...override } };
  });
  const exposureCap =
    terms.exposureCap && overrides.exposureCap
      ? { ...terms.exposureCap, ...overrides.exposureCap }
      : terms.exposureCap;
  return { ...terms, charges, exposureCap };
}

/** Override keys that name no charge of the version: a typo must not be silently ignored. */
export function unknownOverrideKeys(
  terms: PlanVersionTerms,
  overrides: SubscriptionOverrides,
): string[] {
  const keys = new Set(terms.charges.map((charge) => charge.key));
  return Object.keys(overrides.charges ?? {}).filter((key) => !keys.has(key));
}
