/**
 * Stable codes of the charge definition validator, for clients to branch on. `required` and
 * `invalid_object` are the codes the global ValidationPipe uses for the same problems.
 */
export const CHARGE_DEFINITION_ERROR_CODES = [
  'invalid_object',
  'required',
  'unknown_model',
  'invalid_decimal',
  'negative',
  'too_many_digits',
  'must_be_positive',
  'invalid_list',
  'tiers_empty',
  'tier_bounds_not_ascending',
  'unbounded_tier_not_last',
  'last_tier_bounded',
  'minimum_above_maximum',
] as const;

export type ChargeDefinitionErrorCode = (typeof CHARGE_DEFINITION_ERROR_CODES)[number];

export interface ChargeDefinitionFieldError {
  /** Dotted path as the ValidationPipe writes it: `tiers.1.upTo`. */
  readonly field: string;
  readonly code: ChargeDefinitionErrorCode;
  readonly message: string;
}
