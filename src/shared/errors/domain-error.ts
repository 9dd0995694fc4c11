import type { ErrorCode } from './error-codes';

/** One invalid input field: a JSON path, a stable machine code and a human message. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An expected failure with a stable `code` that clients can branch on. The global filter turns
 * it into `application/problem+json` with the given HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export function notFound(resource: string, id: string): DomainError {
  return new DomainError('not_found', 404, 'Not found', `${resource} ${id} does not exist`);
}

export function conflict(code: ErrorCode, detail: string): DomainError {
  return new DomainError(code, 409, 'Conflict', detail);
}

export function validationFailed(fieldErrors: readonly FieldError[]): DomainError {
  return new DomainError(
    'validation_failed',
    400,
    'Validation failed',
    'The request has invalid fields; see errors',
    fieldErrors,
  );
}

export function badRequest(
  code: ErrorCode,
  detail: string,
  fieldErrors: readonly FieldError[] = [],
) {
  return new DomainError(code, 400, 'Bad request', detail, fieldErrors);
}
