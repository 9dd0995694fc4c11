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

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) => ({
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
