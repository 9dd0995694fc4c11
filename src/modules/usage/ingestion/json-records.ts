import { DomainError, badRequest } from '../../../shared/errors/domain-error';
import { quoteJsonNumbers } from '../domain/decimal-fields';

/**
 * Reads `{ "<field>": [ … ] }` from a raw JSON body, with the decimal fields kept exact: a plain
 * JSON.parse would turn `1.123456789012345678` into a float and lose digits.
 */
export function parseJsonRecords(
  rawBody: unknown,
  field: string,
  decimalKeys: readonly string[],
  maxRecords: number,
): unknown[] {
  // The raw parser only runs for application/json: anything else arrives without a Buffer.
  if (!Buffer.isBuffer(rawBody)) {
    throw new DomainError(
      'unsupported_media_type',
      415,
      'Unsupported media type',
      `Send a JSON object with a "${field}" array as application/json`,
    );
  }
  if (rawBody.length === 0)
    throw badRequest('empty_body', `Send a JSON object with a "${field}" array`);
  let body: unknown;
  try {
    body = JSON.parse(quoteJsonNumbers(rawBody.toString('utf8'), decimalKeys));
  } catch {
    throw new DomainError(
      'malformed_json',
      400,
      'Malformed JSON',
      'The request body is not valid JSON',
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalid_body', `Send a JSON object with a "${field}" array`);
  }
  const unknown = Object.keys(body).filter((key) => key !== field);
  if (unknown.length > 0) {
    throw badRequest(
      'validation_failed',
      'The request has invalid fields; see errors',
      unknown.map((key) => ({
        field: key,
        code: 'unknown_field',
        message: `property ${key} should not exist`,
      })),
    );
  }
  const records = (body as Record<string, unknown>)[field];
  if (!Array.isArray(records)) {
    throw badRequest('validation_failed', 'The request has invalid fields; see errors', [
      { field, code: 'required', message: `${field} must be an array` },
    ]);
  }
  if (records.length > maxRecords) {
    throw new DomainError(
      'too_many_records',
      413,
      'Payload too large',
      `At most ${maxRecords} ${field} per request (got ${records.length}); split the request or use the CSV import`,
    );
  }
  return records;
}
