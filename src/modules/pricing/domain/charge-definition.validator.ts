import { badRequest } from '../../../shared/errors/domain-error';
import {
  CHARGE_MODEL_NAMES,
  type ChargeDefinition,
  type ChargeModelName,
  isChargeModelName,
} from './charge-definition';
import type { ChargeDefinitionFieldError } from './charge-definition-error-code';
import { checkNonNegativeDecimal, decimalFieldErrors } from './decimal-field.validator';
import { priceTiersErrors } from './price-tiers.validator';

/**
 * Every problem of a charge definition, field by field (an empty list when it is valid). Takes
 * `unknown` because definitions arrive as JSON and are read back from storage. Fields that the
 * model does not use are left to the edge's whitelist.
 */
export function validateChargeDefinition(input: unknown): ChargeDefinitionFieldError[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [
      { field: '', code: 'invalid_object', message: 'A charge definition must be an object' },
    ];
  }
  const definition = input as Record<string, unknown>;
  const { model } = definition;
  if (model === undefined) {
    return [{ field: 'model', code: 'required', message: 'model is required' }];
  }
  if (!isChargeModelName(model)) {
    return [
      {
        field: 'model',
        code: 'unknown_model',
        message: `model must be one of ${CHARGE_MODEL_NAMES.join(', ')}`,
      },
    ];
  }
  return [...modelErrors(model, definition), ...optionsErrors(definition)];
}

/** Throws a `invalid_charge_definition` DomainError (400) listing the field errors. */
export function assertValidChargeDefinition(input: unknown): asserts input is ChargeDefinition {
  const errors = validateChargeDefinition(input);
  if (errors.length > 0) {
    throw badRequest(
      'invalid_charge_definition',
      'The charge definition is invalid; see errors',
      errors,
    );
  }
}

function modelErrors(
  model: ChargeModelName,
  definition: Record<string, unknown>,
): ChargeDefinitionFieldError[] {
  switch (model) {
    case 'flat':
      return decimalFieldErrors(definition.amount, 'amount');
    case 'per_unit':
      return decimalFieldErrors(definition.unitPrice, 'unitPrice');
    case 'graduated':
    case 'volume':
      return priceTiersErrors(definition.tiers);
    case 'package':
      return [
        ...positiveDecimalErrors(definition.size, 'size'),
        ...decimalFieldErrors(definition.blockPrice, 'blockPrice'),
      ];
    case 'percentage':
      return decimalFieldErrors(definition.rate, 'rate');
    default: {
      const unhandled: never = model;
      throw new Error(`Unhandled charge model ${String(unhandled)}`);
    }
  }
}

function optionsErrors(definition: Record<string, unknown>): ChargeDefinitionFieldError[] {
  const errors = decimalFieldErrors(definition.included, 'included', true);
  if (definition.minimum === undefined || definition.maximum === undefined) {
    return [
      ...errors,
      ...decimalFieldErrors(definition.minimum, 'minimum', true),
      ...decimalFieldErrors(definition.maximum, 'maximum', true),
    ];
  }
  const minimum = checkNonNegativeDecimal(definition.minimum, 'minimum');
  const maximum = checkNonNegativeDecimal(definition.maximum, 'maximum');
  if (!minimum.ok) errors.push(...minimum.errors);
  if (!maximum.ok) errors.push(...maximum.errors);
  if (minimum.ok && maximum.ok && minimum.value.greaterThan(maximum.value)) {
    errors.push({
      field: 'minimum',
      code: 'minimum_above_maximum',
      message: `minimum (${minimum.value.toString()}) must not be above maximum (${maximum.value.toString()})`,
    });
  }
  return errors;
}

function positiveDecimalErrors(value: unknown, field: string): ChargeDefinitionFieldError[] {
  const check = checkNonNegativeDecimal(value, field);
  if (!check.ok) return check.errors;
  return check.value.isZero()
    ? [{ field, code: 'must_be_positive', message: `${field} must be above zero` }]
    : [];
}
