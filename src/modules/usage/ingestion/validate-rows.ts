import { CsvRecord } from '../domain/csv-record';
import { isStorableText, unstorableTextIn } from '../domain/storable-text';
import { Normalized } from '../domain/usage-record';
import { Positioned, RecordProblem } from './ingest-outcome';

/**
 * Normalises raw rows; each invalid one, or one holding text PostgreSQL cannot store, becomes a
 * `rejected` problem at its position.
 */
export function validateRows<T>(
  rows: readonly Positioned<unknown>[],
  normalize: (raw: unknown) => Normalized<T>,
  idField: string,
): { valid: Positioned<T>[]; rejected: RecordProblem[] } {
  const valid: Positioned<T>[] = [];
  const rejected: RecordProblem[] = [];
  for (const row of rows) {
    const unstorable = unstorableTextIn(row.value);
    if (unstorable !== null) {
      rejected.push(unstorableProblem(row, unstorable, idField));
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

/**
 * A row holding text PostgreSQL cannot store (see storable-text.ts), refused on its own. Its id
 * is reported only when it can itself be stored (problems are stored with an import).
 */
function unstorableProblem(
  row: Positioned<unknown>,
  field: string,
  idField: string,
): RecordProblem {
  const id = idOf(row.value, idField);
  return {
    ...row.position,
    recordId: id !== null && isStorableText(id) ? id : null,
    outcome: 'rejected',
    code: 'unstorable_text',
    field,
    message: `${field} holds a NUL character or an unpaired surrogate, which cannot be stored`,
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
