import type { FieldError } from '../../../shared/errors/domain-error';
import type { ExposureCapDefinition, PlanCharge, PricingModel } from './plan-version-terms';

/**
 * What a partner gives to create a plan version: a template with its few parameters, and/or
 * charges. Template charges are keyed; a given charge with the same key replaces the template's,
 * any other key is added, so any field of a template can be set.
 */
export interface PlanVersionInput {
  readonly model: PricingModel;
  readonly currency: string;
  /** The period fee of the three templates (data, IP and, for bundled, compute up to the cap). */
  readonly subscriptionFee?: string;
  /** Bundled: the cap on the partner's compute exposure per period. */
  readonly exposureCap?: ExposureCapDefinition | null;
  /** Hybrid: price per DBU of partner-triggered (managed, premium) runs. */
  readonly addOnUnitPrice?: string;
  /** Pass-through: share of list cost re-billed for partner-triggered runs ("1" = at list cost). */
  readonly listCostRate?: string;
  readonly charges?: readonly unknown[];
}

export const TEMPLATE_CHARGE_KEYS = {
  subscription: 'subscription',
  partnerCompute: 'partner_compute',
  managedRuns: 'managed_runs',
} as const;

/**
 * The terms a version input stands for (to be validated by validatePlanVersionTerms), or the
 * template parameters it lacks. `custom` takes its charges as given.
 */
export function planVersionTermsFrom(input: PlanVersionInput): {
  readonly terms: Record<string, unknown>;
  readonly errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const required = (field: keyof PlanVersionInput, why: string): string => {
    const value = input[field];
    if (typeof value === 'string') return value;
    errors.push({ field, code: 'required', message: `${field} is required ${why}` });
    return '0';
  };
  const template = templateCharges(input, required);
  const terms = {
    model: input.model,
    currency: input.currency,
    charges: mergeByKey(template, input.charges ?? []),
    exposureCap: input.exposureCap ?? null,
  };
  return { terms, errors };
}

function templateCharges(
  input: PlanVersionInput,
  required: (field: keyof PlanVersionInput, why: string) => string,
): PlanCharge[] {
  const why = `by the ${input.model} template`;
  switch (input.model) {
    case 'custom':
      if (input.charges === undefined) required('charges', 'for a custom plan');
      return [];
    case 'pass_through':
      return [
        subscription(required('subscriptionFee', why), 'Subscription: data and IP'),
        {
          key: TEMPLATE_CHARGE_KEYS.partnerCompute,
          description: 'Compute run by the partner for you, re-billed at list cost',
          basis: 'partner_list_cost',
          pricing: { model: 'percentage', rate: input.listCostRate ?? '1' },
        },
      ];
    case 'bundled':
      return [
        subscription(
          required('subscriptionFee', why),
          'Subscription: data, IP and compute up to the exposure cap',
        ),
      ];
    case 'hybrid':
      return [
        subscription(required('subscriptionFee', why), 'Subscription: data and IP'),
        {
          key: TEMPLATE_CHARGE_KEYS.managedRuns,
          description: 'Managed premium runs (run by the partner), per DBU',
          basis: 'partner_dbu',
          pricing: { model: 'per_unit', unitPrice: required('addOnUnitPrice', why) },
        },
      ];
    default: {
      const unhandled: never = input.model;
      throw new Error(`Unhandled pricing model ${String(unhandled)}`);
    }
  }
}

function subscription(amount: string, description: string): PlanCharge {
  return {
    key: TEMPLATE_CHARGE_KEYS.subscription,
    description,
    basis: 'subscription',
    pricing: { model: 'flat', amount },
  };
}

function mergeByKey(template: readonly PlanCharge[], given: readonly unknown[]): unknown[] {
  const keyOf = (charge: unknown) =>
    typeof charge === 'object' && charge !== null ? (charge as { key?: unknown }).key : undefined;
  const replaced = new Set(given.map(keyOf));
  return [...template.filter((charge) => !replaced.has(charge.key)), ...given];
}
