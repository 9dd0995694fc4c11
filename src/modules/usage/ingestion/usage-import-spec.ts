import { Injectable } from '@nestjs/common';
import { normalizeUsageRecord } from '../domain/normalize-usage-record';
import { UsageRecord } from '../domain/usage-record';
import { IngestSpec } from '../imports/ingest-spec';
import { Positioned } from './ingest-outcome';
import { UsageIngestService } from './usage-ingest.service';
import { validateRows } from './validate-rows';

/** Earliest and latest usage the service takes: outside, a timestamp is surely a mistake. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Normalises raw usage rows and refuses start times that can only be mistakes. */
export function validateUsage(rows: readonly Positioned<unknown>[]) {
  const { valid: normalized, rejected } = validateRows(rows, normalizeUsageRecord, 'record_id');
  const valid: Positioned<UsageRecord>[] = [];
  for (const row of normalized) {
    const start = row.value.usageStartTime.getTime();
    if (start >= EARLIEST && start < LATEST) {
      valid.push(row);
      continue;
    }
    rejected.push({
      ...row.position,
      recordId: row.value.recordId,
      outcome: 'rejected',
      code: 'timestamp_out_of_range',
      field: 'usage_start_time',
      message: 'usage_start_time must be between 2000 and 2100',
    });
  }
  return { valid, rejected };
}

/** How system.billing.usage rows (JSON or CSV) are validated and stored. */
@Injectable()
export class UsageImportSpec implements IngestSpec<UsageRecord> {
  readonly kind = 'usage' as const;
  readonly jsonField = 'records';

  constructor(private readonly ingest: UsageIngestService) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateUsage(rows);
  }

  store(batch: readonly Positioned<UsageRecord>[], importId: string | null) {
    return this.ingest.ingest(batch, importId);
  }
}
