import { Injectable } from '@nestjs/common';
import { CsvRecord } from '../domain/csv-record';
import { normalizeUsageRecord } from '../domain/normalize-usage-record';
import { unstorableTextIn } from '../domain/storable-text';
import { isWithinUsageWindow } from '../domain/usage-window';
import { IngestSpec } from '../imports/ingest-spec';
import { CsvUsageRows } from './csv-usage-rows';
import { jsonUsageRow } from './json-usage-rows';
import { Positioned, RecordProblem } from './ingest-outcome';
import { UsageIngestService } from './usage-ingest.service';
import { UsageRow, usageRowOf } from './usage-columns';
import { unstorableProblem, validateRows } from './validate-rows';

/**
 * Validates raw usage rows into the rows the ingest statement takes. A row holding text that
 * PostgreSQL cannot store is refused first. A plain CSV line or JSON record takes the fast path
 * (plainUsageRow); every other row, and every row refused, goes through normalizeUsageRecord,
 * which also refuses start times that can only be mistakes.
 */
export function validateUsage(rows: readonly Positioned<unknown>[]): {
  valid: Positioned<UsageRow>[];
  rejected: RecordProblem[];
} {
  const valid: Positioned<UsageRow>[] = [];
  const rejected: RecordProblem[] = [];
  // Row by row, so the rows keep their order whichever path reads them (within a batch the first
  // of two rows with one key is the one kept).
  for (const row of rows) {
    const raw = row.value;
    const unstorable = unstorableTextIn(raw);
    if (unstorable !== null) {
      rejected.push(unstorableProblem(row, unstorable, 'record_id'));
      continue;
    }
    const fast =
      raw instanceof CsvRecord
        ? CsvUsageRows.for(raw.columns).rowOf(raw.values)
        : jsonUsageRow(raw);
    if (fast) {
      valid.push({ position: row.position, value: fast });
      continue;
    }
    const checked = validateRows([row], normalizeUsageRecord, 'record_id');
    rejected.push(...checked.rejected);
    for (const { position, value } of checked.valid) {
      if (isWithinUsageWindow(value.usageStartTime.getTime())) {
        valid.push({ position, value: usageRowOf(value) });
        continue;
      }
      rejected.push({
        ...position,
        recordId: value.recordId,
        outcome: 'rejected',
        code: 'timestamp_out_of_range',
        field: 'usage_start_time',
        message: 'usage_start_time must be between 2000 and 2100',
      });
    }
  }
  return { valid, rejected };
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

  store(batch: readonly Positioned<UsageRow>[], importId: string | null) {
    return this.ingest.ingest(batch, importId);
  }
}
