import { CsvRecord } from '../domain/csv-record';
import { normalizeUsageRecord } from '../domain/normalize-usage-record';
import { Normalized } from '../domain/usage-record';
import { isWithinUsageWindow } from '../domain/usage-window';
import { CsvUsageRows } from './csv-usage-rows';
import { jsonUsageRow } from './json-usage-rows';
import { UsageRow, usageRowOf } from './usage-columns';

/**
 * A plain CSV line or JSON record takes the fast path (plainUsageRow); every other row goes
 * through normalizeUsageRecord, which decides and explains, then start times that can only be
 * mistakes are refused.
 */
export function usageRowFrom(raw: unknown): Normalized<UsageRow> {
  const fast =
    raw instanceof CsvRecord ? CsvUsageRows.for(raw.columns).rowOf(raw.values) : jsonUsageRow(raw);
  if (fast) return { ok: true, value: fast };
  const normalized = normalizeUsageRecord(raw);
  if (!normalized.ok) return normalized;
  const record = normalized.value;
  if (isWithinUsageWindow(record.usageStartTime.getTime())) {
    return { ok: true, value: usageRowOf(record) };
  }
  return {
    ok: false,
    rejection: {
      code: 'timestamp_out_of_range',
      field: 'usage_start_time',
      message: 'usage_start_time must be between 2000 and 2100',
      recordId: record.recordId,
    },
  };
}
