/**
 * Reading exported rows whether they arrive nested (Databricks' JSON export) or flat with dotted
 * column names (CSV export, flattened JSON), and keeping what the normalisers do not read.
 */

export type FieldObject = Record<string, unknown>;

/** A plain object, as JSON.parse or csv-parse builds them (not an array, Date or class). */
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
  const keys = Object.keys(row);
  const dotted = keys.filter(isDottedKey);
  for (const key of keys.filter((k) => !isDottedKey(k))) {
    setOwn(result, key, blanksToNull(row[key]));
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
 * was not taken, nested as given, for the record's `extra`.
 */
export class FieldReader {
  private readonly consumed: Consumed = new Map();

  /** `row` is read as is: pass it through `unflatten` first. */
  constructor(private readonly row: FieldObject) {}

  /** The value at a dotted `path` (field names never contain dots), marked as consumed. */
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
   * Everything not taken. A null on the path of a taken field counts as taken (it only says the
   * field is absent); an object emptied by the taking is left out, one given empty is kept.
   */
  rest(): FieldObject {
    return omit(this.row, this.consumed);
  }
}

function omit(obj: FieldObject, consumed: Consumed): FieldObject {
  const result: FieldObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const node = consumed.get(key);
    if (node === undefined) {
      setOwn(result, key, value);
    } else if (node !== true && isPlainObject(value)) {
      const remaining = omit(value, node);
      const emptied = Object.keys(remaining).length === 0 && Object.keys(value).length > 0;
      if (!emptied) setOwn(result, key, remaining);
    } else if (node !== true && !isBlank(value)) {
      // A scalar where a struct was expected is unexpected data: keep it.
      setOwn(result, key, value);
    }
  }
  return result;
}

function isDottedKey(key: string): boolean {
  // 'a..b', '.a' and 'a.' name no path: such keys are kept as given.
  return key.includes('.') && key.split('.').every((step) => step.length > 0);
}

/** Puts `value` at `path` below `target`; false when it conflicts with what is there. */
function mergeAt(target: FieldObject, path: readonly string[], value: unknown): boolean {
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
// prototype: exported rows are untrusted input.
function setOwn(target: FieldObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
