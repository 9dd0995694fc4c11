import { CsvRecord } from '../domain/csv-record';
import { Normalized } from '../domain/usage-record';
import { Positioned, RecordProblem } from './ingest-outcome';

/** Normalises raw rows; each invalid one becomes a `rejected` problem at its position. */
export function validateRows<T>(
  rows: readonly Positioned<unknown>[],
  normalize: (raw: unknown) => Normalized<T>,
  idField: string,
): { valid: Positioned<T>[]; rejected: RecordProblem[] } {
  const valid: Positioned<T>[] = [];
  const rejected: RecordProblem[] = [];
  for (const row of rows) {
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

/** The id field of a raw row as sent, when it is non-empty text. */
export function idOf(raw: unknown, field: string): string | null {
  if (raw instanceof CsvRecord) {
    const at = raw.columns.index.get(field);
    return at === undefined || !raw.values[at] ? null : raw.values[at];
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as Record<string, unknown>)[field];
  return typeof id === 'string' && id !== '' ? id : null;
}
