import { CsvRecord } from '../domain/csv-record';
import { isStorableText } from '../domain/storable-text';
import { exceedsBytes, TextLimits } from '../domain/text-limits';
import { TextProblem, textProblemIn } from '../domain/text-problems';
import { Normalized } from '../domain/usage-record';
import { Positioned, RecordProblem } from './ingest-outcome';
import { UndecodableRecord } from './json-records';

/**
 * Normalises raw rows; each invalid one, or one whose text cannot be stored as it came (bytes
 * that were not UTF-8, a NUL or unpaired surrogate, a value over its length limit), becomes a
 * `rejected` problem at its position. The others go on: bad input never costs good input.
 */
export function validateRows<T>(
  rows: readonly Positioned<unknown>[],
  normalize: (raw: unknown) => Normalized<T>,
  idField: string,
  limits: TextLimits,
): { valid: Positioned<T>[]; rejected: RecordProblem[] } {
  const valid: Positioned<T>[] = [];
  const rejected: RecordProblem[] = [];
  for (const row of rows) {
    if (row.value instanceof UndecodableRecord) {
      rejected.push(undecodableProblem(row));
      continue;
    }
    const textProblem = textProblemIn(row.value, limits);
    if (textProblem !== null) {
      rejected.push(textRejection(row, textProblem, idField, limits));
      continue;
    }
    const normalized = normalize(row.value);
    if (normalized.ok) valid.push({ position: row.position, value: normalized.value });
    else
      rejected.push({
        ...row.position,
        recordId: idOf(row.value, idField),
        outcome: 'rejected',
        ...normalized.rejection,
      });
  }
  return { valid, rejected };
}

/** A JSON record whose bytes are not UTF-8: nothing of it is read, not even its id. */
function undecodableProblem(row: Positioned<unknown>): RecordProblem {
  return {
    ...row.position,
    recordId: null,
    outcome: 'rejected',
    code: 'invalid_encoding',
    field: null,
    message: 'The record holds bytes that are not valid UTF-8; it was not stored',
  };
}

const MESSAGES: Record<TextProblem['code'], (problem: TextProblem) => string> = {
  unstorable_text: ({ field }) =>
    `${field} holds a NUL character or an unpaired surrogate, which cannot be stored`,
  invalid_encoding: ({ field }) =>
    `${field} holds bytes that are not valid UTF-8; the line was not stored (send the file as UTF-8)`,
  field_too_long: ({ field, limit }) =>
    `${field} is longer than ${limit} bytes (UTF-8), the most stored for it`,
};

/**
 * A row whose text cannot be stored as it came, refused on its own. Its id is reported only when
 * it can itself be stored (problems are stored with an import) and is within its limit.
 */
function textRejection(
  row: Positioned<unknown>,
  problem: TextProblem,
  idField: string,
  limits: TextLimits,
): RecordProblem {
  const id = idOf(row.value, idField);
  const idLimit = limits.fields.get(idField) ?? limits.other;
  return {
    ...row.position,
    recordId: id !== null && isStorableText(id) && !exceedsBytes(id, idLimit) ? id : null,
    outcome: 'rejected',
    code: problem.code,
    field: problem.field,
    message: MESSAGES[problem.code](problem),
  };
}

/** The id field of a raw row as sent, when it is non-empty text. */
function idOf(raw: unknown, field: string): string | null {
  if (raw instanceof CsvRecord) {
    const at = raw.columns.index.get(field);
    return at === undefined || !raw.values[at] ? null : raw.values[at];
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as Record<string, unknown>)[field];
  return typeof id === 'string' && id !== '' ? id : null;
}
