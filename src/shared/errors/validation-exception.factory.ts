import { ValidationError } from 'class-validator';
import { FieldError, validationFailed } from './domain-error';

/** Constraint names that deserve a plainer code than class-validator's own. */
const RENAMED: Record<string, string> = {
  whitelistValidation: 'unknown_field',
  isDefined: 'required',
  isNotEmpty: 'required',
  nestedValidation: 'invalid_object',
};

function toSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * An explicit null where the field is not nullable fails every check on the field (a string, a
 * length, a pattern…); one `not_null` says it better than each of them. An unknown field keeps its
 * own code: its value does not matter.
 */
function nullRefused(error: ValidationError, field: string): FieldError[] | undefined {
  const constraints = error.constraints ?? {};
  if (error.value !== null || 'whitelistValidation' in constraints) return undefined;
  if (Object.keys(constraints).length === 0) return undefined;
  return [
    {
      field,
      code: 'not_null',
      message: constraints.notNull ?? `${error.property} must not be null`,
    },
  ];
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own =
      nullRefused(error, field) ??
      Object.entries(error.constraints ?? {}).map(([name, message]) => ({
        field,
        code: RENAMED[name] ?? toSnake(name),
        message,
      }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Used by the global ValidationPipe: one 400 listing every invalid field. */
export function validationExceptionFactory(errors: ValidationError[]) {
  return validationFailed(flattenValidationErrors(errors));
}
