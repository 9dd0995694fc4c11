import { readCustomTags } from './field-custom-tags';
import { normalizeOrReject } from './field-rejection';
import {
  assertAfter,
  readDate,
  readerFor,
  readText,
  requireDecimal,
  requireText,
  requireTimestamp,
} from './field-values';
import type { Normalized, UsageRecord } from './usage-record';

const DEFAULT_USAGE_UNIT = 'DBU';
const QUANTITY_CODES = { invalid: 'invalid_quantity', outOfRange: 'quantity_out_of_range' };

/**
 * One exported row of `system.billing.usage` (nested JSON, or flat with dotted names as CSV
 * gives it, every value a string and '' for null) as a UsageRecord, or the first reason it is
 * refused. Every field not read here is kept in `extra`, nested.
 *
 * The quantity is signed (retractions are negative) and kept exactly as a canonical decimal
 * string; a JSON export must be parsed with quoteJsonNumbers first or it will have lost digits.
 */
export function normalizeUsageRecord(raw: unknown): Normalized<UsageRecord> {
  return normalizeOrReject((): UsageRecord => {
    const fields = readerFor(raw, 'usage record');
    const recordId = requireText(fields, 'record_id', 'missing_record_id');
    const recordType = requireText(fields, 'record_type', 'missing_record_type').toUpperCase();
    const skuName = requireText(fields, 'sku_name', 'missing_sku');
    const cloud = requireText(fields, 'cloud', 'missing_cloud').toUpperCase();
    const usageStartTime = requireTimestamp(fields, 'usage_start_time');
    const usageEndTime = requireTimestamp(fields, 'usage_end_time');
    assertAfter(usageStartTime, usageEndTime, 'usage_start_time', 'usage_end_time');
    const usageQuantity = requireDecimal(fields, 'usage_quantity', QUANTITY_CODES);
    return {
      recordId,
      recordType,
      accountId: readText(fields, 'account_id'),
      workspaceId: readText(fields, 'workspace_id'),
      skuName,
      cloud,
      usageStartTime,
      usageEndTime,
      usageDate: readDate(fields, 'usage_date'),
      customTags: readCustomTags(fields, 'custom_tags'),
      usageUnit: readText(fields, 'usage_unit') ?? DEFAULT_USAGE_UNIT,
      usageQuantity,
      roomId: lowerCase(readText(fields, 'usage_metadata.central_clean_room_id')),
      jobId: readText(fields, 'usage_metadata.job_id'),
      jobRunId: readText(fields, 'usage_metadata.job_run_id'),
      runAs: lowerCase(readText(fields, 'identity_metadata.run_as')),
      billingOriginProduct: readText(fields, 'billing_origin_product'),
      ingestionDate: readDate(fields, 'ingestion_date'),
      usageType: readText(fields, 'usage_type'),
      // Last: what the reads above did not take.
      extra: fields.rest(),
    };
  });
}

function lowerCase(text: string | null): string | null {
  return text === null ? null : text.toLowerCase();
}
