import type { Dec } from '../../../shared/money/decimal';
import type { ChargeDefinitionFieldError } from './charge-definition-error-code';
import { checkNonNegativeDecimal, decimalFieldErrors } from './decimal-field.validator';

/**
 * The tiers of a graduated or volume charge. Bounds are upper bounds only, so tiers are
 * contiguous by construction: each starts where the previous one ends. What can go wrong is
 * the order (each bound strictly above the previous one, the first above 0) and the open end
 * (the last tier, and only it, unbounded), which together make the tiers cover [0, infinity).
 */
export function priceTiersErrors(tiers: unknown, field = 'tiers'): ChargeDefinitionFieldError[] {
  if (tiers === undefined) {
    return [{ field, code: 'required', message: `${field} is required` }];
  }
  if (!Array.isArray(tiers)) {
    return [{ field, code: 'invalid_list', message: `${field} must be a list of tiers` }];
  }
  if (tiers.length === 0) {
    return [{ field, code: 'tiers_empty', message: `${field} must have at least one tier` }];
  }
  const errors: ChargeDefinitionFieldError[] = [];
  // The last valid bound; after an invalid one the order is not checked until the next valid.
  let previous: Dec | null = null;
  let previousValid = true;
  tiers.forEach((tier: unknown, index) => {
    const path = `${field}.${index}`;
    if (typeof tier !== 'object' || tier === null || Array.isArray(tier)) {
      errors.push({ field: path, code: 'invalid_object', message: `${path} must be an object` });
      previousValid = false;
      return;
    }
    const { upTo, unitPrice, flatFee } = tier as Record<string, unknown>;
    errors.push(...decimalFieldErrors(unitPrice, `${path}.unitPrice`));
    errors.push(...decimalFieldErrors(flatFee, `${path}.flatFee`, true));
    const isLast = index === tiers.length - 1;
    if (upTo === null) {
      if (!isLast) {
        errors.push({
          field: `${path}.upTo`,
          code: 'unbounded_tier_not_last',
          message: `${path}.upTo may be null (unbounded) on the last tier only`,
        });
      }
      previousValid = false;
      return;
    }
    const bound = checkNonNegativeDecimal(upTo, `${path}.upTo`);
    if (!bound.ok) {
      errors.push(...bound.errors);
      previousValid = false;
      return;
    }
    if (previousValid && !bound.value.greaterThan(previous ?? 0)) {
      const floor = previous === null ? '0' : `tier ${index - 1}'s upTo (${previous.toString()})`;
      errors.push({
        field: `${path}.upTo`,
        code: 'tier_bounds_not_ascending',
        message: `${path}.upTo must be above ${floor}`,
      });
    }
    if (isLast) {
      errors.push({
        field: `${path}.upTo`,
        code: 'last_tier_bounded',
        message: `${path}.upTo must be null: the last tier prices every unit above the others`,
      });
    }
    previous = bound.value;
    previousValid = true;
  });
  return errors;
}
