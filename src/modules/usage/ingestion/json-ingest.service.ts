import { Injectable } from '@nestjs/common';
import { PRECISE_JSON_KEYS } from '../domain/decimal-fields';
import { ExportKind } from './export-kind';
import { EXPORT_NAMES } from './export-names';
import { ExportPipeline } from './export-pipeline';
import { IngestCounts, Positioned, RecordProblem } from './ingest-outcome';
import { IngestMetrics } from './ingest-metrics';
import { parseJsonRecords } from './json-records';
import { KeyedItem } from './keyed-batch';

export const MAX_RECORDS_PER_REQUEST = 10_000;

export type IngestSummaryResult = IngestCounts & { problems: RecordProblem[] };

/**
 * One JSON request: every row is validated, the valid ones are stored together (one
 * transaction: all or nothing), and every row not simply accepted is reported at its index.
 */
@Injectable()
export class JsonIngestService {
  constructor(
    private readonly pipeline: ExportPipeline,
    private readonly metrics: IngestMetrics,
  ) {}

  async ingest<T extends object, I extends KeyedItem<T>>(
    kind: ExportKind<T, I>,
    rawBody: unknown,
  ): Promise<IngestSummaryResult> {
    const { received, valid, rejected } = validateBody(kind, rawBody);
    const stored = valid.length > 0 ? await this.pipeline.ingest(kind, valid, null) : null;
    this.metrics.stored(kind.kind, rejected.length, stored);
    if (stored) await this.pipeline.settle(kind);
    const problems = [...rejected, ...(stored?.problems ?? [])].sort(
      (a, b) => (a.index ?? 0) - (b.index ?? 0),
    );
    return {
      received,
      accepted: stored?.counts.accepted ?? 0,
      updated: stored?.counts.updated ?? 0,
      duplicates: stored?.counts.duplicates ?? 0,
      conflicts: stored?.counts.conflicts ?? 0,
      quarantined: stored?.counts.quarantined ?? 0,
      rejected: rejected.length,
      excluded: stored?.counts.excluded ?? 0,
      problems,
    };
  }
}

/** Records parsed and validated at a time: the parsed ones are garbage before they are promoted. */
const VALIDATE_EVERY = 500;

/**
 * The body's rows, validated a few hundred at a time, so that the parsed records are garbage
 * once validated rather than live (and promoted by the garbage collector) while the others are
 * read and the valid ones stored.
 */
function validateBody<T extends object, I extends KeyedItem<T>>(
  kind: ExportKind<T, I>,
  rawBody: unknown,
) {
  const raw = parseJsonRecords(
    rawBody,
    EXPORT_NAMES[kind.kind].jsonField,
    PRECISE_JSON_KEYS,
    MAX_RECORDS_PER_REQUEST,
  );
  const valid: Positioned<T>[] = [];
  const rejected: RecordProblem[] = [];
  for (let from = 0; from < raw.length; from += VALIDATE_EVERY) {
    const part: Positioned<unknown>[] = [];
    for (let index = from; index < Math.min(from + VALIDATE_EVERY, raw.length); index++) {
      part.push({ position: { index }, value: raw.at(index) });
    }
    const checked = kind.validate(part);
    for (const row of checked.valid) valid.push(row);
    for (const problem of checked.rejected) rejected.push(problem);
  }
  return { received: raw.length, valid, rejected };
}
