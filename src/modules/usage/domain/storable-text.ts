import { CsvRecord } from './csv-record';
import { isPlainObject } from './field-access';

/*
 * PostgreSQL stores neither a NUL character (text and jsonb refuse it) nor an unpaired UTF-16
 * surrogate, which a JSON body can carry as "\ud800": it would reach the database changed to
 * U+FFFD (two different ids becoming one) or be refused inside jsonb, failing the whole batch. A
 * row holding either is refused on its own, naming the field.
 */

const isWellFormed = (text: string) =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Whether PostgreSQL can store `text` exactly as it is. */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && isWellFormed(text);

/**
 * The field (dotted path) of the first string in a raw row, value or name, that PostgreSQL
 * cannot store; null when there is none. Blank CSV cells are not stored and not looked at.
 */
export function unstorableTextIn(raw: unknown): string | null {
  if (raw instanceof CsvRecord) {
    const { values, columns } = raw;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === '' || value === undefined) continue;
      if (!isStorableText(value) || !isStorableText(columns.names[i] ?? '')) {
        return columns.names[i] ?? String(i);
      }
    }
    return null;
  }
  // The path is spelled out only for a row that has such text, almost never.
  return holdsUnstorable(raw) ? unstorableIn(raw, '') : null;
}

function holdsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return !isStorableText(value);
  if (Array.isArray(value)) return value.some(holdsUnstorable);
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!isStorableText(key) || holdsUnstorable(value[key])) return true;
  }
  return false;
}

function unstorableIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableIn(value[i], `${path}.${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const key of Object.keys(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!isStorableText(key)) return at;
    const found = unstorableIn(value[key], at);
    if (found !== null) return found;
  }
  return null;
}
