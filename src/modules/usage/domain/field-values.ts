import { FieldReader, isBlank, isPlainObject, readerOver } from './field-access';
import { CsvFieldReader, CsvRecord } from './csv-record';
import { reject } from './field-rejection';
import { normalizeDecimal } from './normalize-decimal';
import { parseDate, parseTimestamp } from './timestamp';

/*
 * Typed reads of one field for the normalisers. Each takes the field from the reader (so it
 * stays out of `extra`), treats '' and null as absent, and throws a FieldRejection naming the
 * field (its dotted path) when the value is unusable.
 */

/** A reader over `raw`, nested or flat; `invalid_record` when `raw` is not an object. */
export function readerFor(raw: unknown, kind: string): FieldReader {
  if (raw instanceof CsvRecord) return new CsvFieldReader(raw);
  if (!isPlainObject(raw)) {
    return reject('invalid_record', null, `A ${kind} must be an object with named fields`);
  }
  return readerOver(raw);
}

/**
 * Trimmed text, null when absent or blank. Numbers are accepted for numeric-looking ids, but
 * only while exact: a JS number above 2^53 has already lost digits (`imprecise_number`).
 */
export function readText(fields: FieldReader, path: string): string | null {
  const value = fields.take(path);
  if (isBlank(value)) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return reject('invalid_type', path, `${path} must be text, got ${String(value)}`);
    }
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      return reject(
        'imprecise_number',
        path,
        `${path} arrived as a JSON number beyond 2^53 and has lost digits; send it as a string`,
      );
    }
    return String(value);
  }
  return reject('invalid_type', path, `${path} must be text, got ${describeType(value)}`);
}

/** Like readText, but absence is rejected with `missingCode`. */
export function requireText(fields: FieldReader, path: string, missingCode: string): string {
  const text = readText(fields, path);
  return text ?? reject(missingCode, path, `${path} is required`);
}

/** A timestamp in one of the exported forms, null when absent; else `invalid_timestamp`. */
export function readTimestamp(fields: FieldReader, path: string): Date | null {
  const text = readText(fields, path);
  if (text === null) return null;
  return (
    parseTimestamp(text) ??
    reject(
      'invalid_timestamp',
      path,
      `${path} must be a timestamp with a zone, such as 2025-06-03T10:00:00.000Z or 2025-06-03 10:00:00+00:00`,
    )
  );
}

export function requireTimestamp(fields: FieldReader, path: string): Date {
  return readTimestamp(fields, path) ?? reject('invalid_timestamp', path, `${path} is required`);
}

/** Rejects `end_before_start` unless `end` is strictly after `start`. */
export function assertAfter(start: Date, end: Date, startPath: string, endPath: string): void {
  if (end.getTime() <= start.getTime()) {
    reject('end_before_start', endPath, `${endPath} must be after ${startPath}`);
  }
}

/** A `YYYY-MM-DD` calendar date as given, null when absent; else `invalid_date`. */
export function readDate(fields: FieldReader, path: string): string | null {
  const text = readText(fields, path);
  if (text === null) return null;
  return parseDate(text) === null
    ? reject('invalid_date', path, `${path} must be a calendar date YYYY-MM-DD`)
    : text;
}

/** Codes to reject with: one for text that is no number, one for a number too large or fine. */
export type DecimalCodes = { readonly invalid: string; readonly outOfRange: string };

/** The canonical decimal string (see normalizeDecimal), null when absent. */
export function readDecimal(fields: FieldReader, path: string, codes: DecimalCodes): string | null {
  const value = fields.take(path);
  if (isBlank(value)) return null;
  const outcome = normalizeDecimal(value);
  if (outcome.ok) return outcome.value;
  return outcome.reason === 'invalid'
    ? reject(codes.invalid, path, `${path} must be a decimal number such as "1.25"`)
    : reject(
        codes.outOfRange,
        path,
        `${path} must fit numeric(38,18): at most 20 integer and 18 fraction digits`,
      );
}

/** Like readDecimal, but absence is rejected with `codes.invalid`. */
export function requireDecimal(fields: FieldReader, path: string, codes: DecimalCodes): string {
  return readDecimal(fields, path, codes) ?? reject(codes.invalid, path, `${path} is required`);
}

/** Rejects with `code` when `value` (a canonical decimal string) is negative. */
export function assertNotNegative(value: string | null, path: string, code: string): void {
  if (value !== null && value.startsWith('-')) {
    reject(code, path, `${path} must not be negative`);
  }
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'an object';
  return `a ${typeof value}`;
}
