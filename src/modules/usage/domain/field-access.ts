/**
 * Reading exported rows whether they arrive nested (Databricks' JSON export) or flat with dotted
 * column names (CSV export, flattened JSON), and keeping what the normalisers do not read.
 */

export type FieldObject = Record<string, unknown>;

/** A plain object, as JSON.parse or a CSV parser builds them (not an array, Date or class). */
export function isPlainObject(value: unknown): value is FieldObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** '' and null are both "no value": CSV has no other way to write null. */
export function isBlank(value: unknown): value is '' | null | undefined {
  return value === undefined || value === null || value === '';
}

/**
 * A nested copy of `row`. Top-level dotted keys (`usage_metadata.job_id`) become nested
 * objects, merged with nested ones already present; keys inside nested objects are never split
 * (a custom tag may be called `app.kubernetes.io/name`). Every '' becomes null, at any depth.
 *
 * A field given both ways keeps the non-empty value; when both are non-empty and differ, the
 * nested value wins and the dotted key is also kept as given, as is a dotted key that cannot
 * nest because a non-empty scalar sits on its path: nothing in the input is dropped.
 */
export function unflatten(row: FieldObject): FieldObject {
  const result: FieldObject = {};
  const dotted: string[] = [];
  for (const key of Object.keys(row)) {
    if (isDottedKey(key)) dotted.push(key);
    else setOwn(result, key, blanksToNull(row[key]));
  }
  for (const key of dotted) {
    const value = blanksToNull(row[key]);
    if (!mergeAt(result, key.split('.'), value)) setOwn(result, key, value);
  }
  return result;
}

/** The value at `path` below `obj`, or undefined when a step is missing or not an object. */
export function pick(obj: FieldObject, path: readonly string[]): unknown {
  let current: unknown = obj;
  for (const step of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, step)) return undefined;
    current = current[step];
  }
  return current;
}

type Consumed = Map<string, Consumed | true>;

/**
 * A row being read field by field: each field taken is remembered, and `rest()` returns what
 * was not taken, nested, for the record's `extra`. Absent values ('' or null) are not kept in
 * `extra`: they say nothing, and leaving them out makes a CSV row and its JSON twin identical.
 */
export interface FieldReader {
  /** The value at a dotted `path` (field names never contain dots), marked as consumed. */
  take(path: string): unknown;
  rest(): FieldObject;
}

/** The reader for a row: a fast one when the row is flat (CSV), else one over `unflatten(row)`. */
export function readerOver(row: FieldObject): FieldReader {
  for (const key in row) {
    if (Object.hasOwn(row, key) && isPlainObject(row[key]))
      return new NestedFieldReader(unflatten(row));
  }
  return new FlatFieldReader(row);
}

/** A flat row (every value a scalar, nested fields named with dots): read in place, no copy. */
class FlatFieldReader implements FieldReader {
  private readonly taken = new Set<string>();

  constructor(private readonly row: FieldObject) {}

  take(path: string): unknown {
    this.taken.add(path);
    const value = Object.hasOwn(this.row, path) ? this.row[path] : undefined;
    return value === '' ? null : value;
  }

  rest(): FieldObject {
    const result: FieldObject = {};
    for (const key of Object.keys(this.row)) {
      const value = this.row[key];
      if (this.taken.has(key) || isBlank(value)) continue;
      if (!isDottedKey(key) || !mergeAt(result, key.split('.'), value)) setOwn(result, key, value);
    }
    return result;
  }
}

export class NestedFieldReader implements FieldReader {
  private readonly consumed: Consumed = new Map();

  /** `row` is read as is: pass it through `unflatten` first. */
  constructor(private readonly row: FieldObject) {}

  take(path: string): unknown {
    const steps = path.split('.');
    let node = this.consumed;
    for (const [index, step] of steps.entries()) {
      const next = node.get(step);
      if (next === true) break;
      if (index === steps.length - 1) {
        node.set(step, true);
      } else {
        const child: Consumed = next ?? new Map<string, Consumed | true>();
        node.set(step, child);
        node = child;
      }
    }
    return pick(this.row, steps);
  }

  /**
   * Everything not taken, absent values left out. An object emptied by the taking is left out,
   * one given empty is kept.
   */
  rest(): FieldObject {
    return omit(this.row, this.consumed);
  }
}

function omit(obj: FieldObject, consumed: Consumed): FieldObject {
  const result: FieldObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const node = consumed.get(key);
    if (isBlank(value)) continue;
    if (node !== true && isPlainObject(value)) {
      const remaining = omit(value, node ?? new Map<string, Consumed | true>());
      const emptied = Object.keys(remaining).length === 0 && Object.keys(value).length > 0;
      if (!emptied) setOwn(result, key, remaining);
    } else if (node !== true) {
      // A scalar where a struct was expected is unexpected data: keep it.
      setOwn(result, key, value);
    }
  }
  return result;
}

export function isDottedKey(key: string): boolean {
  // 'a..b', '.a' and 'a.' name no path: such keys are kept as given.
  return key.includes('.') && !key.startsWith('.') && !key.endsWith('.') && !key.includes('..');
}

/** Puts `value` at `path` below `target`; false when it conflicts with what is there. */
export function mergeAt(target: FieldObject, path: readonly string[], value: unknown): boolean {
  const [step, ...below] = path;
  // hasOwn first: target['__proto__'] would otherwise reach Object.prototype.
  const existing = Object.hasOwn(target, step) ? target[step] : undefined;
  if (below.length === 0) {
    const merged = mergeValues(existing, value);
    if (merged.conflict) return false;
    setOwn(target, step, merged.value);
    return true;
  }
  if (!isBlank(existing) && !isPlainObject(existing)) return false;
  const child = isPlainObject(existing) ? existing : {};
  setOwn(target, step, child);
  return mergeAt(child, below, value);
}

function mergeValues(existing: unknown, incoming: unknown): { value: unknown; conflict: boolean } {
  if (existing === undefined || (isBlank(existing) && !isBlank(incoming))) {
    return { value: incoming, conflict: false };
  }
  if (isBlank(incoming)) return { value: existing, conflict: false };
  if (isPlainObject(existing) && isPlainObject(incoming)) {
    const merged: FieldObject = existing;
    for (const [key, value] of Object.entries(incoming)) {
      if (!mergeAt(merged, [key], value)) return { value: existing, conflict: true };
    }
    return { value: merged, conflict: false };
  }
  return { value: existing, conflict: !sameScalar(existing, incoming) };
}

function sameScalar(a: unknown, b: unknown): boolean {
  return !isPlainObject(a) && !Array.isArray(a) && a === b;
}

function blanksToNull(value: unknown): unknown {
  if (value === '') return null;
  if (Array.isArray(value)) return value.map(blanksToNull);
  if (isPlainObject(value)) {
    const copy: FieldObject = {};
    for (const [key, inner] of Object.entries(value)) setOwn(copy, key, blanksToNull(inner));
    return copy;
  }
  return value;
}

// Defines an own property even for '__proto__', which plain assignment would treat as the
// prototype: exported rows are untrusted input. Every other key takes the fast path.
export function setOwn(target: FieldObject, key: string, value: unknown): void {
  if (key !== '__proto__') {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
