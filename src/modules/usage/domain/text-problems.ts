import { CsvColumns, CsvRecord } from './csv-record';
import { isPlainObject } from './field-access';
import { isStorableText, isWellFormed } from './storable-text';
import { exceedsBytes, TextLimits } from './text-limits';

/**
 * Why a row's text cannot be stored as it came: a NUL or an unpaired surrogate
 * (`unstorable_text`, see storable-text.ts), bytes that were not UTF-8 (`invalid_encoding`), or
 * a value or name over its limit (`field_too_long`, see text-limits.ts).
 */
export interface TextProblem {
  readonly code: 'unstorable_text' | 'invalid_encoding' | 'field_too_long';
  /** The field (dotted path, or CSV column) at fault, shortened when it is itself too long. */
  readonly field: string;
  /** The limit exceeded, in UTF-8 bytes, for `field_too_long`. */
  readonly limit?: number;
}

/**
 * The first text problem of a raw row, value or name; null when there is none. Blank CSV cells
 * are not stored and not looked at.
 *
 * In a CSV line an unpaired surrogate can only stand for bytes that were not UTF-8 (the file is
 * decoded by decodeUtf8, which marks each so, and valid UTF-8 never decodes to one): it is
 * `invalid_encoding` there. In a JSON row it came from a `\ud800` escape: `unstorable_text`.
 */
export function textProblemIn(raw: unknown, limits: TextLimits): TextProblem | null {
  if (raw instanceof CsvRecord) return csvTextProblem(raw, limits);
  // The path is spelled out only for a row that may have a problem: long text, or unstorable.
  return holdsSuspectText(raw, limits.alwaysFits) ? jsonTextProblem(raw, '', limits) : null;
}

function csvTextProblem(record: CsvRecord, limits: TextLimits): TextProblem | null {
  const plan = CsvTextPlan.for(record.columns, limits);
  const { values } = record;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === '' || value === undefined) continue;
    const nameProblem = plan.nameProblems[i];
    if (nameProblem !== null) return nameProblem;
    if (!isStorableText(value)) {
      const code = isWellFormed(value) ? 'unstorable_text' : 'invalid_encoding';
      return { code, field: plan.shown[i] };
    }
    const limit = plan.limits[i];
    if (exceedsBytes(value, limit)) return { code: 'field_too_long', field: plan.shown[i], limit };
  }
  return null;
}

/** Per header and limits, made once per import: each column's limit and its name's problem. */
class CsvTextPlan {
  private static readonly plans = new WeakMap<CsvColumns, Map<TextLimits, CsvTextPlan>>();
  readonly limits: number[];
  readonly shown: string[];
  readonly nameProblems: (TextProblem | null)[];

  private constructor(columns: CsvColumns, limits: TextLimits) {
    this.limits = columns.names.map((name) => limits.fields.get(name) ?? limits.other);
    // Problems are stored with the import (jsonb): a name is reported in a form it can store.
    this.shown = columns.names.map((name) => storableForm(shortened(name)));
    this.nameProblems = columns.names.map((name, i): TextProblem | null => {
      if (!isStorableText(name)) {
        const code = isWellFormed(name) ? 'unstorable_text' : 'invalid_encoding';
        return { code, field: this.shown[i] };
      }
      return exceedsBytes(name, limits.other)
        ? { code: 'field_too_long', field: this.shown[i], limit: limits.other }
        : null;
    });
  }

  static for(columns: CsvColumns, limits: TextLimits): CsvTextPlan {
    let byLimits = CsvTextPlan.plans.get(columns);
    if (!byLimits) {
      byLimits = new Map();
      CsvTextPlan.plans.set(columns, byLimits);
    }
    let plan = byLimits.get(limits);
    if (!plan) {
      plan = new CsvTextPlan(columns, limits);
      byLimits.set(limits, plan);
    }
    return plan;
  }
}

/** Whether a JSON value holds any text that is unstorable or too long for the shortest limit. */
function holdsSuspectText(value: unknown, alwaysFits: number): boolean {
  if (typeof value === 'string') return value.length > alwaysFits || !isStorableText(value);
  if (Array.isArray(value)) return value.some((item) => holdsSuspectText(item, alwaysFits));
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.length > alwaysFits || !isStorableText(key)) return true;
    if (holdsSuspectText(value[key], alwaysFits)) return true;
  }
  return false;
}

function jsonTextProblem(value: unknown, path: string, limits: TextLimits): TextProblem | null {
  if (typeof value === 'string') {
    if (!isStorableText(value)) return { code: 'unstorable_text', field: shortened(path) };
    const limit = limits.fields.get(path) ?? limits.other;
    if (!exceedsBytes(value, limit)) return null;
    return { code: 'field_too_long', field: shortened(path), limit };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonTextProblem(value[i], `${path}.${i}`, limits);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const key of Object.keys(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!isStorableText(key)) return { code: 'unstorable_text', field: shortened(at) };
    if (exceedsBytes(key, limits.other)) {
      return { code: 'field_too_long', field: shortened(at), limit: limits.other };
    }
    const found = jsonTextProblem(value[key], at, limits);
    if (found !== null) return found;
  }
  return null;
}

/** Names are reported up to this many UTF-16 units: enough to find one, not to echo a poison. */
const SHOWN_UNITS = 200;

function shortened(name: string): string {
  if (name.length <= SHOWN_UNITS) return name;
  // Never cut a surrogate pair in two.
  const cut = isHighSurrogate(name.charCodeAt(SHOWN_UNITS - 1)) ? SHOWN_UNITS - 1 : SHOWN_UNITS;
  return `${name.slice(0, cut)}…`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** `name` with each NUL and unpaired surrogate shown as U+FFFD. */
function storableForm(name: string): string {
  return isStorableText(name) ? name : toWellFormed(name).replaceAll('\u0000', '\ufffd');
}

const toWellFormed = (text: string) =>
  (text as unknown as { toWellFormed(): string }).toWellFormed();
