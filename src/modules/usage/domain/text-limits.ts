import { Buffer } from 'node:buffer';
import { READ_FIELDS } from './usage-read-fields';

/*
 * The most UTF-8 bytes stored for each text field of the three exports. A B-tree entry holds at
 * most ~2,700 bytes: one longer value (a 9,000-character room id) failed its whole batch with
 * "index row requires … bytes". Each row is now refused on its own, `field_too_long`, before it
 * reaches the database. Limits are in bytes because that is what PostgreSQL counts.
 *
 * The widest composite keys stay well below the B-tree limit at these sizes: usage_records
 * (record_id, record_type, start) ~1 KB, usage_hourly (room, trigger, SKU, …) ~1 KB, list_prices
 * (SKU, cloud, unit, currency, start) ~1.5 KB, ingest_conflicts' key (the same texts joined).
 */

/** Identifiers, keys, enums, times and numbers: every field read into a column of its own. */
export const KEY_BYTES = 512;
/** Names people give (notebooks, rooms): read into columns, never indexed. */
export const NAME_BYTES = 1_024;
/** Any other text: fields kept in `extra`, struct fields, tag names and values, column names. */
export const TEXT_BYTES = 4_096;
/** custom_tags written as JSON text (a CSV cell: all the tags together). */
export const TAGS_BYTES = 16_384;

export interface TextLimits {
  /** The limit of a field by its dotted path, as a CSV header names it. */
  readonly fields: ReadonlyMap<string, number>;
  /** The limit of any other text, name or value, at any depth. */
  readonly other: number;
  /** Text of at most this many UTF-16 units fits every field (3 bytes a unit at most). */
  readonly alwaysFits: number;
}

function textLimits(fields: Record<string, number>): TextLimits {
  const all = [TEXT_BYTES, ...Object.values(fields)];
  return {
    fields: new Map(Object.entries(fields)),
    other: TEXT_BYTES,
    alwaysFits: Math.floor(Math.min(...all) / 3),
  };
}

const keys = (...paths: string[]) => Object.fromEntries(paths.map((p) => [p, KEY_BYTES]));

/** system.billing.usage: every field read into a column is a key, but the tags written whole. */
export const USAGE_TEXT_LIMITS = textLimits({
  ...keys(...READ_FIELDS.filter((field) => field !== 'custom_tags')),
  custom_tags: TAGS_BYTES,
});

/** system.billing.list_prices */
export const PRICE_TEXT_LIMITS = textLimits(
  keys(
    'sku_name',
    'cloud',
    'usage_unit',
    'currency_code',
    'price_start_time',
    'price_end_time',
    'account_id',
    'pricing.default',
    'pricing.promotional.default',
    'pricing.effective_list.default',
  ),
);

/** system.access.clean_room_events */
export const EVENT_TEXT_LIMITS = textLimits({
  ...keys(
    'event_id',
    'account_id',
    'metastore_id',
    'central_clean_room_id',
    'initiator_global_metastore_id',
    'initiator_collaborator_alias',
    'event_time',
    'event_type',
    'run_notebook_started_metadata.run_id',
    'run_notebook_started_metadata.notebook_etag',
    'run_notebook_completed_metadata.run_id',
    'run_notebook_completed_metadata.state',
    'run_notebook_completed_metadata.duration_in_seconds',
  ),
  clean_room_name: NAME_BYTES,
  'run_notebook_started_metadata.notebook_name': NAME_BYTES,
  'run_notebook_completed_metadata.notebook_name': NAME_BYTES,
});

/**
 * Whether `text` takes more than `bytes` bytes in UTF-8. A UTF-16 unit is 1 to 3 bytes (a
 * surrogate pair, two units, is 4), so the length alone decides almost always; the bytes are
 * counted only in between.
 */
export function exceedsBytes(text: string, bytes: number): boolean {
  if (text.length * 3 <= bytes) return false;
  if (text.length > bytes) return true;
  return Buffer.byteLength(text, 'utf8') > bytes;
}
