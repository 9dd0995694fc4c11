import { DomainError, badRequest } from '../../../shared/errors/domain-error';
import { jsonNestsDeeperThan, jsonTooDeep, MAX_JSON_DEPTH } from '../../../shared/http/json-depth';
import { quoteJsonNumbers } from '../domain/decimal-fields';
import { jsonArrayElements } from './json-array-elements';

/** The records of a request, each parsed when it is read (see jsonArrayElements). */
export interface JsonRecords {
  readonly length: number;
  at(index: number): unknown;
}

/**
 * Reads `{ "<field>": [ … ] }` from a raw JSON body, with the decimal fields kept exact: a plain
 * JSON.parse would turn `1.123456789012345678` into a float and lose digits. A body of exactly
 * that shape gives its records one at a time, parsed when read; any other is parsed whole, and
 * refused with the reason.
 */
export function parseJsonRecords(
  rawBody: unknown,
  field: string,
  decimalKeys: readonly string[],
  maxRecords: number,
): JsonRecords {
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
  const bounds = jsonArrayElements(rawBody, field, maxRecords);
  if (bounds !== null) {
    const length = bounds.length / 2;
    const at = (i: number) =>
      parseJson(
        quoteJsonNumbers(rawBody.toString('utf8', bounds[2 * i], bounds[2 * i + 1]), decimalKeys),
      );
    return { length, at };
  }
  // The scan gives up on a record nested too deeply, so this catches it before it is parsed.
  if (jsonNestsDeeperThan(rawBody, MAX_JSON_DEPTH)) throw jsonTooDeep();
  const body = parseJson(quoteJsonNumbers(rawBody.toString('utf8'), decimalKeys));
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
  return { length: records.length, at: (i) => records[i] as unknown };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(
      'malformed_json',
      400,
      'Malformed JSON',
      'The request body is not valid JSON',
    );
  }
}
