import { hash } from 'node:crypto';
import { UsageRecord } from '../domain/usage-record';
import { copyLine, copyValues, firstCopyValue } from './copy-text';

/**
 * The columns a batch carries, with their array types for unnest(): usage_records' own, then the
 * record's fingerprint and its key's hash (both kept in usage_record_keys).
 */
export const USAGE_COLUMNS = [
  ['record_id', 'text'],
  ['record_type', 'text'],
  ['usage_start_time', 'timestamptz'],
  ['usage_end_time', 'timestamptz'],
  ['usage_date', 'date'],
  ['account_id', 'text'],
  ['workspace_id', 'text'],
  ['sku_name', 'text'],
  ['cloud', 'text'],
  ['usage_unit', 'text'],
  ['usage_quantity', 'numeric'],
  ['room_id', 'text'],
  ['job_id', 'text'],
  ['job_run_id', 'text'],
  ['run_as', 'text'],
  ['billing_origin_product', 'text'],
  ['ingestion_date', 'date'],
  ['usage_type', 'text'],
  ['custom_tags', 'jsonb'],
  ['extra', 'jsonb'],
  ['content_hash', 'text'],
  ['key_hash', 'uuid'],
] as const;

const CONTENT_HASH_AT = 20;
const KEY_HASH_AT = 21;

export type UsageColumn = (typeof USAGE_COLUMNS)[number][0];

/** A record's values in USAGE_COLUMNS order, without the content hash, as text for unnest(). */
function rowValues(r: UsageRecord): (string | null)[] {
  return [
    r.recordId,
    r.recordType,
    r.usageStartTime.toISOString(),
    r.usageEndTime.toISOString(),
    r.usageDate,
    r.accountId,
    r.workspaceId,
    r.skuName,
    r.cloud,
    r.usageUnit,
    r.usageQuantity,
    r.roomId,
    r.jobId,
    r.jobRunId,
    r.runAs,
    r.billingOriginProduct,
    r.ingestionDate,
    r.usageType,
    JSON.stringify(r.customTags),
    JSON.stringify(r.extra),
  ];
}

const FIELD_MARK = '\u001f';
const NULL_MARK = '\u001e';

/**
 * A record as the text of its stored columns (USAGE_COLUMNS order), then its fingerprint and its
 * key's hash. The same key with the same fingerprint is a duplicate, with another one a conflict;
 * hashing the column text (a record's whole content) is cheap enough for a million rows.
 */
export function toRow(r: UsageRecord): (string | null)[] {
  return withHashes(rowValues(r));
}

/**
 * Appends to `row` (a record's stored columns) the fingerprint of their text and the hash of its
 * key (record_id, record_type: the first two columns), and returns it.
 */
export function withHashes(row: (string | null)[]): (string | null)[] {
  let text = row[0] ?? NULL_MARK;
  for (let i = 1; i < row.length; i++) text += FIELD_MARK + (row[i] ?? NULL_MARK);
  row.push(hash('md5', text, 'base64url'));
  row.push(usageKeyHash(row[0] ?? '', row[1] ?? ''));
  return row;
}

/**
 * The identity of a usage record, (record_id, record_type), as 128 bits of SHA-256 in hex: the
 * key of usage_record_keys, whose index stays a third of the size of one over the two texts. The
 * type is prefixed with its length in UTF-8 bytes, so no two keys give the same input. The
 * migration that introduced it computes the same in SQL (KEY_HASH_SQL).
 */
export function usageKeyHash(recordId: string, recordType: string): string {
  return hash('sha256', `${Buffer.byteLength(recordType)}:${recordType}${recordId}`, 'hex').slice(
    0,
    32,
  );
}

/** The record a row was made from: toRow's inverse, for reporting a conflict's incoming version. */
export function recordFromRow(row: readonly (string | null)[]): UsageRecord {
  const text = (i: number) => row[i] ?? '';
  return {
    recordId: text(0),
    recordType: text(1),
    accountId: row[5],
    workspaceId: row[6],
    skuName: text(7),
    cloud: text(8),
    usageStartTime: new Date(text(2)),
    usageEndTime: new Date(text(3)),
    usageDate: row[4],
    customTags: JSON.parse(text(18)) as Record<string, string>,
    usageUnit: text(9),
    usageQuantity: text(10),
    roomId: row[11],
    jobId: row[12],
    jobRunId: row[13],
    runAs: row[14],
    billingOriginProduct: row[15],
    ingestionDate: row[16],
    usageType: row[17],
    extra: JSON.parse(text(19)) as Record<string, unknown>,
  };
}

/**
 * A valid usage record as the ingest statement takes it: its columns (USAGE_COLUMNS, hashes
 * included) as one line of COPY text, which is all a row keeps while its batch fills (see
 * copy-text.ts); the rest is read back from the line when a row needs reporting.
 */
export interface UsageRow {
  readonly line: string;
  /** The key's hash (usage_record_keys.key_hash, hex without hyphens): the record's identity. */
  readonly keyHash: string;
  /** The fingerprint: the same key with the same one is a duplicate, with another a conflict. */
  readonly contentHash: string;
  /** usage_start_time in epoch milliseconds (its month picks the partition). */
  readonly startMs: number;
}

/** The UsageRow of a row made by toRow or withHashes. */
export function usageRow(columns: readonly (string | null)[], startMs: number): UsageRow {
  return {
    line: copyLine(columns),
    keyHash: columns[KEY_HASH_AT] ?? '',
    contentHash: columns[CONTENT_HASH_AT] ?? '',
    startMs,
  };
}

/** The UsageRow of a normalised record. */
export function usageRowOf(record: UsageRecord): UsageRow {
  return usageRow(toRow(record), record.usageStartTime.getTime());
}

/** A UsageRow's columns, as toRow made them. */
export function columnsOf(row: UsageRow): (string | null)[] {
  return copyValues(row.line);
}

/** A UsageRow's record_id. */
export const recordIdOf = (row: UsageRow): string => firstCopyValue(row.line) ?? '';

/** `record_id/record_type`, as conflicts are listed. */
export function conflictKeyOf(row: UsageRow): string {
  const [recordId, recordType] = columnsOf(row);
  return `${recordId}/${recordType}`;
}

/** Rows as column arrays: what `unnest($1::text[], …)` takes. */
export function toColumnArrays(rows: readonly (string | null)[][]): (string | null)[][] {
  return USAGE_COLUMNS.map((_, c) => rows.map((row) => row[c]));
}
