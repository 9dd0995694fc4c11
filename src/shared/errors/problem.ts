import { HttpException } from '@nestjs/common';
import { isReferenceViolation, sqlState, UNIQUE_VIOLATION } from '../database/sql-state';
import { TOO_DEEP_DETAIL } from '../http/json-depth';
import { DomainError, FieldError } from './domain-error';
import { type CodeWithStatus, ERROR_CODES, type ErrorCode } from './error-codes';

/** The one error body of the API (RFC 9457), plus a stable `code` and field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: readonly FieldError[];
}

function body(
  code: ErrorCode,
  status: number,
  title: string,
  detail: string,
  errors?: readonly FieldError[],
): Problem {
  const problem: Problem = { type: `/problems/${code}`, title, status, detail, code };
  if (errors && errors.length > 0) problem.errors = errors;
  return problem;
}

/** The problem of `code`, with the status and title ERROR_CODES gives it. */
function problem(code: ErrorCode, detail: string): Problem {
  const { status, title } = ERROR_CODES[code];
  return body(code, status, title, detail);
}

/** body-parser reports its failures with a `type`; they are the client's fault, never a 500. */
function fromBodyParser(error: { type?: unknown }): Problem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return problem('malformed_json', 'The request body is not valid JSON');
    case 'entity.too.deep':
      return problem('too_deep', TOO_DEEP_DETAIL);
    case 'entity.too.large':
      return problem('payload_too_large', 'The request body is too large');
    case 'entity.invalid.encoding':
      return problem('invalid_encoding', 'The request body is not valid UTF-8');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem('unsupported_encoding', 'Send the body as UTF-8');
    default:
      return undefined;
  }
}

/** The code of an HTTP exception's status; the types hold each to a code with that status. */
const HTTP_CODES: {
  [S in 400 | 401 | 403 | 404 | 405 | 406 | 409 | 413 | 415 | 429]: CodeWithStatus<S>;
} = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const code: ErrorCode =
    (HTTP_CODES as Record<number, ErrorCode>)[status] ??
    (status >= 500 ? 'internal_error' : 'error');
  const detail = status >= 500 ? 'An unexpected error occurred' : error.message;
  // The fallbacks keep the exception's own status; any other code's is the same.
  return body(code, status, ERROR_CODES[code].title, detail);
}

/** Database failures are mapped by SQLSTATE only: driver text never reaches a client. */
function fromDatabase(state: string): Problem | undefined {
  if (state === UNIQUE_VIOLATION)
    return problem('already_exists', 'A resource with the same unique key already exists');
  if (isReferenceViolation(state))
    return problem('reference_conflict', 'The change would break a reference between resources');
  if (state.startsWith('22'))
    return problem('invalid_value', 'A value is out of range or malformed');
  return undefined;
}

export const INTERNAL_ERROR = problem('internal_error', 'An unexpected error occurred');

/** Maps anything thrown to a problem; undefined means "unexpected": log it and answer 500. */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof DomainError)
    return body(error.code, error.status, error.title, error.detail, error.fieldErrors);
  if (error instanceof HttpException) {
    // Nest wraps body-parser's errors; the cause tells a malformed body from a too large one.
    const cause = error.cause;
    const parsed = typeof cause === 'object' && cause !== null ? fromBodyParser(cause) : undefined;
    return parsed ?? fromHttpException(error);
  }
  const state = sqlState(error);
  return state === undefined ? undefined : fromDatabase(state);
}
