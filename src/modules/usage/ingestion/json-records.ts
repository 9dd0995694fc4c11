import { isUtf8 } from 'node:buffer';
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
 * A record whose bytes are not UTF-8. Decoded, they would read as U+FFFD, and a re-sent record
 * with a damaged id would be stored as a new one: it is refused on its own (`invalid_encoding`).
 */
export class UndecodableRecord {}

const UNDECODABLE = new UndecodableRecord();

/**
 * Reads `{ "<field>": [ … ] }` from a raw JSON body, with the decimal fields kept exact: a plain
 * JSON.parse would turn `1.123456789012345678` into a float and lose digits. A body of exactly
 * that shape gives its records one at a time, parsed when read (an UndecodableRecord for one
 * that is not UTF-8); any other is parsed whole, and refused with the reason (400
 * `invalid_encoding` when it is not UTF-8).
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
      `Send a JSON object with a "${field}" array as application/json`,
    );
  }
  if (rawBody.length === 0)
    throw badRequest('empty_body', `Send a JSON object with a "${field}" array`);
  const bounds = jsonArrayElements(rawBody, field, maxRecords);
  if (bounds !== null) {
    const length = bounds.length / 2;
    // One pass over the whole body (native, GB/s); each record is checked only when it fails.
    const allUtf8 = isUtf8(rawBody);
    const at = (i: number) => {
      const start = bounds[2 * i];
      const end = bounds[2 * i + 1];
      if (!allUtf8 && !isUtf8(rawBody.subarray(start, end))) return UNDECODABLE;
      return parseJson(quoteJsonNumbers(rawBody.toString('utf8', start, end), decimalKeys));
    };
    return { length, at };
  }
  if (!isUtf8(rawBody)) throw invalidEncoding();
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
      `At most ${maxRecords} ${field} per request (got ${records.length}); split the request or use the CSV import`,
    );
  }
  return { length: records.length, at: (i) => records[i] as unknown };
}

function invalidEncoding(): DomainError {
  return badRequest('invalid_encoding', 'The request body is not valid UTF-8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('malformed_json', 'The request body is not valid JSON');
  }
}
