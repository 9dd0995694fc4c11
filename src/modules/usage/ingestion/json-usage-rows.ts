import { isPlainObject } from '../domain/field-access';
import { READ_FIELDS, ReadField } from '../domain/usage-read-fields';
import { hasOnlyScalars, PlainRowReader, plainUsageRow } from './plain-usage-row';
import { UsageRow } from './usage-columns';

type Fields = Record<string, unknown>;

/** Top-level fields read, and the fields read inside each struct. */
const TOP_READ = new Set<string>(READ_FIELDS.filter((name) => !name.includes('.')));
const STRUCT_READ = new Map<string, Set<string>>();
const PATHS = new Map<ReadField, [string, string | null]>();
for (const name of READ_FIELDS) {
  const [top, inner = null] = name.split('.');
  PATHS.set(name, [top, inner]);
  if (inner !== null) STRUCT_READ.set(top, (STRUCT_READ.get(top) ?? new Set()).add(inner));
}

/**
 * The fast path of a JSON usage record (see plainUsageRow): a record nested as Databricks' JSON
 * export writes it (structs of scalars, no dotted names) is read in place. Any other shape gets
 * null, and the reference normaliser reads it.
 */
export function jsonUsageRow(record: unknown): UsageRow | null {
  if (!isPlainObject(record)) return null;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key === '__proto__' || key.includes('.')) return null;
    if (value !== null && typeof value === 'object' && !hasOnlyScalars(value)) return null;
  }
  return plainUsageRow(record, JSON_READER);
}

const JSON_READER: PlainRowReader<Fields> = { field: read, extra: extraOf };

function read(record: Fields, name: ReadField): unknown {
  const [top, inner] = PATHS.get(name) ?? [name, null];
  const value = Object.hasOwn(record, top) ? record[top] : undefined;
  if (inner === null) return value;
  return isPlainObject(value) && Object.hasOwn(value, inner) ? value[inner] : undefined;
}

/**
 * What the reference keeps in `extra`: every field not read and not blank; a struct without its
 * read and blank fields, left out when that empties it (one sent empty is kept).
 */
function extraOf(record: Fields): string {
  let extra: Fields | null = null;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (TOP_READ.has(key) || value === null || value === '') continue;
    let kept = value;
    if (typeof value === 'object') {
      const read = STRUCT_READ.get(key);
      const remaining: Fields = {};
      let given = 0;
      let left = 0;
      for (const inner of Object.keys(value)) {
        given++;
        const innerValue = (value as Fields)[inner];
        if (innerValue === null || innerValue === '' || read?.has(inner)) continue;
        remaining[inner] = innerValue;
        left++;
      }
      if (left === 0 && given > 0) continue;
      kept = remaining;
    }
    extra ??= {};
    extra[key] = kept;
  }
  return extra === null ? '{}' : JSON.stringify(extra);
}
