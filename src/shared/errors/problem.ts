import { HttpException } from '@nestjs/common';
import { isReferenceViolation, sqlState, UNIQUE_VIOLATION } from '../database/sql-state';
import { TOO_DEEP_DETAIL } from '../http/json-depth';
import { DomainError, FieldError } from './domain-error';
import type { ErrorCode } from './error-codes';

/** The one error body of the API (RFC 9457), plus a stable `code` and field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: readonly FieldError[];
}

function problem(
  code: ErrorCode,
  status: number,
  title: string,
  detail: string,
  errors?: readonly FieldError[],
): Problem {
  const body: Problem = { type: `/problems/${code}`, title, status, detail, code };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

/** body-parser reports its failures with a `type`; they are the client's fault, never a 500. */
function fromBodyParser(error: { type?: unknown }): Problem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return problem('malformed_json', 400, 'Malformed JSON', 'The request body is not valid JSON');
    case 'entity.too.deep':
      return problem('too_deep', 400, 'Bad request', TOO_DEEP_DETAIL);
    case 'entity.too.large':
      return problem(
        'payload_too_large',
        413,
        'Payload too large',
        'The request body is too large',
      );
    case 'entity.invalid.encoding':
      return problem('invalid_encoding', 400, 'Bad request', 'The request body is not valid UTF-8');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem('unsupported_encoding', 415, 'Unsupported encoding', 'Send the body as UTF-8');
    default:
      return undefined;
  }
}

const HTTP_CODES: Record<number, [ErrorCode, string]> = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthenticated', 'Unauthenticated'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  406: ['not_acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload_too_large', 'Payload too large'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  429: ['too_many_requests', 'Too many requests'],
};

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const [code, title] =
    HTTP_CODES[status] ??
    (status >= 500 ? ['internal_error', 'Internal error'] : ['error', 'Error']);
  const detail = status >= 500 ? 'An unexpected error occurred' : error.message;
  return problem(code, status, title, detail);
}

/** Database failures are mapped by SQLSTATE only: driver text never reaches a client. */
function fromDatabase(state: string): Problem | undefined {
  if (state === UNIQUE_VIOLATION)
    return problem(
      'already_exists',
      409,
      'Conflict',
      'A resource with the same unique key already exists',
    );
  if (isReferenceViolation(state))
    return problem(
      'reference_conflict',
      409,
      'Conflict',
      'The change would break a reference between resources',
    );
  if (state.startsWith('22'))
    return problem('invalid_value', 400, 'Bad request', 'A value is out of range or malformed');
  return undefined;
}

export const INTERNAL_ERROR = problem(
  'internal_error',
  500,
  'Internal error',
  'An unexpected error occurred',
);

/** Maps anything thrown to a problem; undefined means "unexpected": log it and answer 500. */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof DomainError)
    return problem(error.code, error.status, error.title, error.detail, error.fieldErrors);
  if (error instanceof HttpException) {
    // Nest wraps body-parser's errors; the cause tells a malformed body from a too large one.
    const cause = error.cause;
    const parsed = typeof cause === 'object' && cause !== null ? fromBodyParser(cause) : undefined;
    return parsed ?? fromHttpException(error);
  }
  const state = sqlState(error);
  return state === undefined ? undefined : fromDatabase(state);
}
