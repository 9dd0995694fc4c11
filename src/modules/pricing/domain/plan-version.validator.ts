import type { FieldError } from '../../../shared/errors/domain-error';
import { badRequest } from '../../../shared/errors/domain-error';
import { isCurrencyCode } from '../../../shared/money/currency';
import { CHARGE_BASES, isChargeBasis, isCostBasis } from './charge-basis';
import { validateChargeDefinition } from './charge-definition.validator';
import { decimalFieldErrors } from './decimal-field.validator';
import {
  CAP_MEASURES,
  CAP_POLICIES,
  PRICING_MODELS,
  type PlanVersionTerms,
} from './plan-version-terms';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const CHARGE_FIELDS = new Set(['key', 'description', 'basis', 'pricing']);
const CAP_FIELDS = new Set(['measure', 'amount', 'policy', 'overagePrice']);
const MAX_CHARGES = 50;
const OPTION_FIELDS = ['model', 'included', 'minimum', 'maximum'];
const PRICING_FIELDS: Record<string, Set<string>> = {
  flat: new Set([...OPTION_FIELDS, 'amount']),
  per_unit: new Set([...OPTION_FIELDS, 'unitPrice']),
  graduated: new Set([...OPTION_FIELDS, 'tiers']),
  volume: new Set([...OPTION_FIELDS, 'tiers']),
  package: new Set([...OPTION_FIELDS, 'size', 'blockPrice']),
  percentage: new Set([...OPTION_FIELDS, 'rate']),
};
const TIER_FIELDS = new Set(['upTo', 'unitPrice', 'flatFee']);

/**
 * Every problem of a plan version's terms, with dotted field paths (`charges.1.pricing.tiers.0.upTo`)
 * and stable codes; an empty list when the terms are valid. Takes `unknown`: terms arrive as
 * JSON and are read back from storage.
 */
export function validatePlanVersionTerms(input: unknown): FieldError[] {
  if (!isObject(input)) return [error('', 'invalid_object', 'The plan version must be an object')];
  const errors: FieldError[] = [];
  const model = input.model;
  if (!PRICING_MODELS.some((m) => m === model)) {
    errors.push(
      error('model', 'unknown_model', `model must be one of ${PRICING_MODELS.join(', ')}`),
    );
  }
  if (typeof input.currency !== 'string' || !isCurrencyCode(input.currency)) {
    errors.push(
      error('currency', 'invalid_currency', 'currency must be an ISO 4217 code such as USD'),
    );
  }
  errors.push(...chargesErrors(input.charges));
  errors.push(...capErrors(model, input.exposureCap));
  return errors;
}

/** Throws a 400 `invalid_plan_version` listing the field errors, prefixed by `path`. */
export function assertValidPlanVersionTerms(
  input: unknown,
  path = '',
): asserts input is PlanVersionTerms {
  const errors = validatePlanVersionTerms(input);
  if (errors.length > 0) {
    throw badRequest(
      'invalid_plan_version',
      'The plan version is invalid; see errors',
      errors.map((e) => ({ ...e, field: join(path, e.field) })),
    );
  }
}

function chargesErrors(charges: unknown): FieldError[] {
  if (!Array.isArray(charges)) return [error('charges', 'invalid_list', 'charges must be a list')];
  if (charges.length === 0) {
    return [error('charges', 'charges_empty', 'A plan version needs at least one charge')];
  }
  if (charges.length > MAX_CHARGES) {
    return [error('charges', 'too_many_charges', `At most ${MAX_CHARGES} charges`)];
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  charges.forEach((charge: unknown, i) => {
    const at = `charges.${i}`;
    if (!isObject(charge)) {
      errors.push(error(at, 'invalid_object', 'A charge must be an object'));
      return;
    }
    errors.push(...unknownFields(charge, CHARGE_FIELDS, at));
    const { key, description, basis, pricing } = charge;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      errors.push(
        error(
          `${at}.key`,
          'invalid_key',
          'key must be lower-case letters, digits and _ (up to 40)',
        ),
      );
    } else if (seen.has(key)) {
      errors.push(error(`${at}.key`, 'duplicate_charge_key', `Another charge is keyed ${key}`));
    } else {
      seen.add(key);
    }
    if (typeof description !== 'string' || description.trim() === '' || description.length > 200) {
      errors.push(
        error(`${at}.description`, 'required', 'description is required (up to 200 characters)'),
      );
    }
    if (!isChargeBasis(basis)) {
      errors.push(
        error(`${at}.basis`, 'unknown_basis', `basis must be one of ${CHARGE_BASES.join(', ')}`),
      );
    }
    errors.push(...pricingFieldErrors(pricing, `${at}.pricing`));
    const pricingErrors = validateChargeDefinition(pricing);
    errors.push(...pricingErrors.map((e) => ({ ...e, field: join(`${at}.pricing`, e.field) })));
    if (
      isObject(pricing) &&
      pricing.model === 'percentage' &&
      isChargeBasis(basis) &&
      !isCostBasis(basis)
    ) {
      errors.push(
        error(
          `${at}.basis`,
          'percentage_needs_cost_basis',
          'A percentage charge applies to a cost: basis partner_cost or partner_list_cost',
        ),
      );
    }
  });
  return errors;
}

function capErrors(model: unknown, cap: unknown): FieldError[] {
  const absent = cap === undefined || cap === null;
  if (model === 'bundled' && absent) {
    return [
      error('exposureCap', 'cap_required', 'A bundled plan version needs exactly one exposure cap'),
    ];
  }
  if (absent) return [];
  if (model !== 'bundled') {
    return [
      error('exposureCap', 'cap_not_allowed', 'Only a bundled plan version has an exposure cap'),
    ];
  }
  if (!isObject(cap))
    return [error('exposureCap', 'invalid_object', 'exposureCap must be an object')];
  const errors = unknownFields(cap, CAP_FIELDS, 'exposureCap');
  if (!CAP_MEASURES.some((m) => m === cap.measure)) {
    errors.push(
      error(
        'exposureCap.measure',
        'unknown_measure',
        `measure must be ${CAP_MEASURES.join(' or ')}`,
      ),
    );
  }
  errors.push(...decimalFieldErrors(cap.amount, 'exposureCap.amount'));
  if (!CAP_POLICIES.some((p) => p === cap.policy)) {
    errors.push(
      error(
        'exposureCap.policy',
        'unknown_policy',
        `policy must be one of ${CAP_POLICIES.join(', ')}`,
      ),
    );
  } else if (cap.policy === 'overage') {
    if (cap.overagePrice === undefined) {
      errors.push(
        error(
          'exposureCap.overagePrice',
          'required',
          'The overage policy needs an overagePrice per DBU',
        ),
      );
    } else {
      errors.push(...decimalFieldErrors(cap.overagePrice, 'exposureCap.overagePrice'));
    }
  } else if (cap.overagePrice !== undefined) {
    errors.push(
      error(
        'exposureCap.overagePrice',
        'not_allowed',
        `overagePrice applies to the overage policy, not ${String(cap.policy)}`,
      ),
    );
  }
  return errors;
}

/** Fields the charge's model does not use: stored terms carry nothing that is not billed. */
function pricingFieldErrors(pricing: unknown, at: string): FieldError[] {
  if (!isObject(pricing) || typeof pricing.model !== 'string') return [];
  const known = PRICING_FIELDS[pricing.model];
  if (known === undefined) return [];
  const errors = unknownFields(pricing, known, at);
  if (Array.isArray(pricing.tiers)) {
    pricing.tiers.forEach((tier: unknown, i) => {
      if (isObject(tier)) errors.push(...unknownFields(tier, TIER_FIELDS, `${at}.tiers.${i}`));
    });
  }
  return errors;
}

function unknownFields(
  object: Record<string, unknown>,
  known: Set<string>,
  at: string,
): FieldError[] {
  return Object.keys(object)
    .filter((field) => !known.has(field))
    .map((field) => error(join(at, field), 'unknown_field', `${field} is not a field here`));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const join = (path: string, field: string) =>
  path === '' ? field : field === '' ? path : `${path}.${field}`;

const error = (field: string, code: string, message: string): FieldError => ({
  field,
  code,
  message,
});
