import { Injectable } from '@nestjs/common';
import { CsvRecord } from '../domain/csv-record';
import { USAGE_TEXT_LIMITS } from '../domain/text-limits';
import { normalizeUsageRecord } from '../domain/normalize-usage-record';
import { Normalized } from '../domain/usage-record';
import { isWithinUsageWindow } from '../domain/usage-window';
import { BeforeCommit, IngestSpec } from '../imports/ingest-spec';
import { CsvUsageRows } from './csv-usage-rows';
import { jsonUsageRow } from './json-usage-rows';
import { Positioned } from './ingest-outcome';
import { UsageIngestService } from './usage-ingest.service';
import { UsageRow, usageRowOf } from './usage-columns';
import { validateRows } from './validate-rows';

/**
 * Validates raw usage rows into the rows the ingest statement takes (validateRows refuses text
 * that cannot be stored as it came first, and keeps the rows' order).
 */
export function validateUsage(rows: readonly Positioned<unknown>[]) {
  return validateRows(rows, usageRowFrom, 'record_id', USAGE_TEXT_LIMITS);
}

/**
 * A plain CSV line or JSON record takes the fast path (plainUsageRow); every other row goes
 * through normalizeUsageRecord, which decides and explains, then start times that can only be
 * mistakes are refused.
 */
function usageRowFrom(raw: unknown): Normalized<UsageRow> {
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

/** How system.billing.usage rows (JSON or CSV) are validated and stored. */
@Injectable()
export class UsageImportSpec implements IngestSpec<UsageRow> {
  readonly kind = 'usage' as const;
  readonly jsonField = 'records';

  constructor(private readonly ingest: UsageIngestService) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateUsage(rows);
  }

  store(
    batch: readonly Positioned<UsageRow>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ) {
    return this.ingest.ingest(batch, importId, beforeCommit);
  }
}
