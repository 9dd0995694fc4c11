import { CsvColumns, csvExtra } from '../domain/csv-record';
import { customTagsOf } from '../domain/field-custom-tags';
import { FieldRejection } from '../domain/field-rejection';
import { normalizeDecimal } from '../domain/normalize-decimal';
import { isCalendarDate } from '../domain/timestamp';
import { isWithinUsageWindow } from '../domain/usage-window';
import { UsageRow, withFingerprint } from './usage-columns';

/** The columns normalizeUsageRecord reads; every other column of a line goes to `extra`. */
const READ = [
  'record_id',
  'record_type',
  'account_id',
  'workspace_id',
  'sku_name',
  'cloud',
  'usage_start_time',
  'usage_end_time',
  'usage_date',
  'custom_tags',
  'usage_unit',
  'usage_quantity',
  'usage_metadata.central_clean_room_id',
  'usage_metadata.job_id',
  'usage_metadata.job_run_id',
  'identity_metadata.run_as',
  'billing_origin_product',
  'ingestion_date',
  'usage_type',
] as const;

type ReadColumn = (typeof READ)[number];

const RECORD_TYPES = new Set(['ORIGINAL', 'RETRACTION', 'RESTATEMENT']);
const CLOUDS = new Set(['AWS', 'AZURE', 'GCP']);
/** Anything toLowerCase could change: an upper-case ASCII letter or any non-ASCII character. */
const MAY_HAVE_CAPITALS = /[A-Z\u0080-\uffff]/;

/** A field that is not plain: the reference normaliser must read the line. */
const NOT_PLAIN = undefined;

/**
 * The fast path of a CSV usage import. A line as Databricks writes it (canonical timestamps
 * `2025-06-03T10:00:00.000Z`, upper-case record type and cloud, plain decimals, no padding) is
 * turned straight into the stored columns, without the normalised record, Dates or Decimals in
 * between. Anything else, valid or not, gets null: the caller then runs normalizeUsageRecord,
 * which decides and explains. The result is the same either way (a property test holds the two
 * paths to it), so a file's rows and fingerprints do not depend on which path read them.
 */
export class CsvUsageRows {
  private static readonly plans = new WeakMap<CsvColumns, CsvUsageRows>();
  private readonly at: Record<ReadColumn, number>;
  private readonly taken: Uint8Array;
  private readonly others: number[];

  private constructor(private readonly columns: CsvColumns) {
    const at = {} as Record<ReadColumn, number>;
    this.taken = new Uint8Array(columns.names.length);
    for (const name of READ) {
      const index = columns.index.get(name);
      at[name] = index ?? -1;
      if (index !== undefined) this.taken[index] = 1;
    }
    this.at = at;
    this.others = columns.names.map((_, i) => i).filter((i) => this.taken[i] === 0);
  }

  /** The plan for a header, made once per import. */
  static for(columns: CsvColumns): CsvUsageRows {
    let plan = CsvUsageRows.plans.get(columns);
    if (!plan) {
      plan = new CsvUsageRows(columns);
      CsvUsageRows.plans.set(columns, plan);
    }
    return plan;
  }

  /** The row of a plain line, or null when the reference normaliser must read it. */
  rowOf(values: readonly string[]): UsageRow | null {
    const { at } = this;
    const recordId = plain(values, at.record_id);
    const recordType = values[at.record_type];
    const skuName = plain(values, at.sku_name);
    const cloud = values[at.cloud];
    if (!recordId || !skuName || !RECORD_TYPES.has(recordType) || !CLOUDS.has(cloud)) return null;
    const start = values[at.usage_start_time];
    const end = values[at.usage_end_time];
    const startMs = isoMillis(start);
    const endMs = isoMillis(end);
    if (startMs === null || endMs === null || endMs <= startMs || !isWithinUsageWindow(startMs)) {
      return null;
    }
    const quantityText = plain(values, at.usage_quantity);
    const quantity = quantityText ? normalizeDecimal(quantityText) : null;
    const usageDate = calendarDate(values, at.usage_date);
    const ingestionDate = calendarDate(values, at.ingestion_date);
    const customTags = this.customTags(values[at.custom_tags]);
    const fields = [
      plain(values, at.account_id),
      plain(values, at.workspace_id),
      plain(values, at.usage_unit),
      lowerCase(plain(values, at['usage_metadata.central_clean_room_id'])),
      plain(values, at['usage_metadata.job_id']),
      plain(values, at['usage_metadata.job_run_id']),
      lowerCase(plain(values, at['identity_metadata.run_as'])),
      plain(values, at.billing_origin_product),
      plain(values, at.usage_type),
    ];
    if (
      quantity === null ||
      !quantity.ok ||
      usageDate === NOT_PLAIN ||
      ingestionDate === NOT_PLAIN ||
      customTags === null ||
      fields.includes(NOT_PLAIN)
    ) {
      return null;
    }
    const [accountId, workspaceId, unit, roomId, jobId, jobRunId, runAs, origin, usageType] =
      fields as (string | null)[];
    return {
      recordId,
      key: `${recordId}/${recordType}`,
      startMs,
      // USAGE_COLUMNS order, as toRow writes it.
      columns: withFingerprint([
        recordId,
        recordType,
        start,
        end,
        usageDate,
        accountId,
        workspaceId,
        skuName,
        cloud,
        unit ?? 'DBU',
        quantity.value,
        roomId,
        jobId,
        jobRunId,
        runAs,
        origin,
        ingestionDate,
        usageType,
        customTags,
        this.extra(values),
      ]),
    };
  }

  /** custom_tags as stored (JSON), or null when the reference must refuse it. */
  private customTags(value: string | undefined): string | null {
    if (value === undefined || value === '' || value === '{}') return '{}';
    try {
      return JSON.stringify(customTagsOf(value, 'custom_tags'));
    } catch (error) {
      if (error instanceof FieldRejection) return null;
      throw error;
    }
  }

  private extra(values: readonly string[]): string {
    for (const i of this.others) {
      if (values[i] !== '' && values[i] !== undefined) {
        return JSON.stringify(csvExtra(this.columns, values, this.taken));
      }
    }
    return '{}';
  }
}

/** The text at `index` when it needs no trimming, null when blank, NOT_PLAIN otherwise. */
function plain(values: readonly string[], index: number): string | null | undefined {
  const text = index < 0 ? undefined : values[index];
  if (text === undefined || text === '') return null;
  return isPrintableAscii(text.charCodeAt(0)) && isPrintableAscii(text.charCodeAt(text.length - 1))
    ? text
    : NOT_PLAIN;
}

const isPrintableAscii = (code: number) => code > 32 && code < 127;

function lowerCase(text: string | null | undefined): string | null | undefined {
  return text && MAY_HAVE_CAPITALS.test(text) ? text.toLowerCase() : text;
}

/** A `YYYY-MM-DD` calendar date as given, null when blank, NOT_PLAIN otherwise. */
function calendarDate(values: readonly string[], index: number): string | null | undefined {
  const text = plain(values, index);
  if (!text) return text;
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return NOT_PLAIN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  return year >= 0 && isCalendarDate(year, month, day) ? text : NOT_PLAIN;
}

/**
 * Epoch milliseconds of a timestamp in the form `toISOString` writes (`2025-06-03T10:00:00.000Z`),
 * so the text is stored as it came; null for any other text.
 */
function isoMillis(text: string | undefined): number | null {
  if (text === undefined || text.length !== 24) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return null;
  if (text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = digits(text, 20, 3);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59 || millis < 0) {
    return null;
  }
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
