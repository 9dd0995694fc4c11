import { customTagsOf } from '../domain/field-custom-tags';
import { FieldRejection } from '../domain/field-rejection';
import { normalizeDecimal } from '../domain/normalize-decimal';
import { isCalendarDate } from '../domain/timestamp';
import { ReadField } from '../domain/usage-read-fields';
import { isWithinUsageWindow } from '../domain/usage-window';
import { UsageRow, usageRow, withHashes } from './usage-columns';

const RECORD_TYPES = new Set(['ORIGINAL', 'RETRACTION', 'RESTATEMENT']);
const CLOUDS = new Set(['AWS', 'AZURE', 'GCP']);
/** Anything toLowerCase could change: an upper-case ASCII letter or any non-ASCII character. */
const MAY_HAVE_CAPITALS = /[A-Z\u0080-\uffff]/;

/** A field that is not plain: the reference normaliser must read the row. */
const NOT_PLAIN = undefined;

/** Where the fast path reads a row of type S: its fields, and the JSON of everything else. */
export interface PlainRowReader<S> {
  /** A read field's value as found ('' and null are blank). */
  field(row: S, name: ReadField): unknown;
  /** The JSON of every other field, or null when only the reference can tell. */
  extra(row: S): string | null;
}

/**
 * The fast path shared by CSV lines and JSON records. A row as Databricks writes it (canonical
 * timestamps `2025-06-03T10:00:00.000Z`, upper-case record type and cloud, plain decimals, text
 * without padding) is turned straight into its stored columns, without the normalised record,
 * Dates or Decimals in between. Anything else, valid or not, gives null: the caller then runs
 * normalizeUsageRecord, which decides and explains. Both paths give the same columns (property
 * tests hold them to it), so a row's fingerprint does not depend on which path read it.
 *
 * `reader` is made once per shape (a CSV header, the JSON export), not once per row.
 */
export function plainUsageRow<S>(row: S, reader: PlainRowReader<S>): UsageRow | null {
  const recordId = plain(reader.field(row, 'record_id'));
  const recordType = reader.field(row, 'record_type');
  const skuName = plain(reader.field(row, 'sku_name'));
  const cloud = reader.field(row, 'cloud');
  if (!recordId || !skuName || typeof recordType !== 'string' || typeof cloud !== 'string') {
    return null;
  }
  if (!RECORD_TYPES.has(recordType) || !CLOUDS.has(cloud)) return null;
  const start = reader.field(row, 'usage_start_time');
  const end = reader.field(row, 'usage_end_time');
  const startMs = isoMillis(start);
  const endMs = isoMillis(end);
  if (startMs === null || endMs === null || endMs <= startMs || !isWithinUsageWindow(startMs)) {
    return null;
  }
  const quantityText = plain(reader.field(row, 'usage_quantity'));
  const quantity = quantityText ? normalizeDecimal(quantityText) : null;
  const texts = [
    calendarDate(reader.field(row, 'usage_date')),
    plain(reader.field(row, 'account_id')),
    plain(reader.field(row, 'workspace_id')),
    plain(reader.field(row, 'usage_unit')),
    lowerCase(plain(reader.field(row, 'usage_metadata.central_clean_room_id'))),
    plain(reader.field(row, 'usage_metadata.job_id')),
    plain(reader.field(row, 'usage_metadata.job_run_id')),
    lowerCase(plain(reader.field(row, 'identity_metadata.run_as'))),
    plain(reader.field(row, 'billing_origin_product')),
    calendarDate(reader.field(row, 'ingestion_date')),
    plain(reader.field(row, 'usage_type')),
  ];
  if (quantity === null || !quantity.ok || texts.includes(NOT_PLAIN)) return null;
  const customTags = customTagsJson(reader.field(row, 'custom_tags'));
  const extraJson = customTags === null ? null : reader.extra(row);
  if (extraJson === null) return null;
  const [usageDate, account, workspace, unit, room, job, jobRun, runAs, origin, ingested, type] =
    texts as (string | null)[];
  return usageRow(
    // USAGE_COLUMNS order, as toRow writes it.
    withHashes([
      recordId,
      recordType,
      start as string,
      end as string,
      usageDate,
      account,
      workspace,
      skuName,
      cloud,
      unit ?? 'DBU',
      quantity.value,
      room,
      job,
      jobRun,
      runAs,
      origin,
      ingested,
      type,
      customTags,
      extraJson,
    ]),
    startMs,
  );
}

/** The text when it needs no trimming, null when blank, NOT_PLAIN otherwise. */
function plain(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return NOT_PLAIN;
  return isPrintableAscii(value.charCodeAt(0)) &&
    isPrintableAscii(value.charCodeAt(value.length - 1))
    ? value
    : NOT_PLAIN;
}

const isPrintableAscii = (code: number) => code > 32 && code < 127;

function lowerCase(text: string | null | undefined): string | null | undefined {
  return text && MAY_HAVE_CAPITALS.test(text) ? text.toLowerCase() : text;
}

/** custom_tags as stored (JSON), or null when the reference must read it. */
function customTagsJson(value: unknown): string | null {
  if (value === undefined || value === null || value === '' || value === '{}') return '{}';
  // The reference reads a nested export with '' turned to null at every depth: only flat tag
  // objects read the same without that copy.
  if (typeof value === 'object' && !hasOnlyScalars(value)) return null;
  try {
    return JSON.stringify(customTagsOf(value, 'custom_tags'));
  } catch (error) {
    if (error instanceof FieldRejection) return null;
    throw error;
  }
}

/** A plain object whose values are all strings, numbers, booleans or null. */
export function hasOnlyScalars(value: object): boolean {
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return false;
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== null && typeof inner === 'object') return false;
  }
  return true;
}

/** A `YYYY-MM-DD` calendar date as given, null when blank, NOT_PLAIN otherwise. */
function calendarDate(value: unknown): string | null | undefined {
  const text = plain(value);
  if (!text) return text;
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return NOT_PLAIN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  return year >= 0 && isCalendarDate(year, month, day) ? text : NOT_PLAIN;
}

/**
 * Epoch milliseconds of a timestamp in the form `toISOString` writes (`2025-06-03T10:00:00.000Z`),
 * so the text is stored as it came; null for any other value.
 */
function isoMillis(value: unknown): number | null {
  if (typeof value !== 'string' || value.length !== 24) return null;
  const text = value;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return null;
  if (text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = digits(text, 20, 3);
  if (Math.min(year, hour, minute, second, millis) < 0 || !isCalendarDate(year, month, day)) {
    return null;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** The decimal number written by `length` ASCII digits from `from`, or -1. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
