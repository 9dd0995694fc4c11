import { type CodeWithStatus, ERROR_CODES, type ErrorCode } from './error-codes';

/** One invalid input field: a JSON path, a stable machine code and a human message. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An expected failure with a stable `code` that clients can branch on. The global filter turns
 * it into `application/problem+json` with the status and title the code has in ERROR_CODES.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(detail);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code].status;
    this.title = ERROR_CODES[code].title;
  }
}

export function notFound(resource: string, id: string): DomainError {
  return new DomainError('not_found', `${resource} ${id} does not exist`);
}

/** A 409: only a code whose status in ERROR_CODES is 409 is accepted. */
export function conflict(code: CodeWithStatus<409>, detail: string): DomainError {
  return new DomainError(code, detail);
}

export function validationFailed(fieldErrors: readonly FieldError[]): DomainError {
  return new DomainError(
    'validation_failed',
    'The request has invalid fields; see errors',
    fieldErrors,
  );
}

/** A 400: only a code whose status in ERROR_CODES is 400 is accepted. */
export function badRequest(
  code: CodeWithStatus<400>,
  detail: string,
  fieldErrors: readonly FieldError[] = [],
) {
  return new DomainError(code, detail, fieldErrors);
}
