import { PRECISE_JSON_KEYS } from '../domain/decimal-fields';
import { IngestSpec } from '../imports/ingest-spec';
import { IngestCounts, RecordProblem } from './ingest-outcome';
import { parseJsonRecords } from './json-records';

export const MAX_RECORDS_PER_REQUEST = 10_000;

export type IngestSummaryResult = IngestCounts & { problems: RecordProblem[] };

/**
 * One JSON request: every row is validated, the valid ones are stored together (one
 * transaction: all or nothing), and every row not simply accepted is reported at its index.
 */
export async function ingestJson<T>(
  spec: IngestSpec<T>,
  rawBody: unknown,
): Promise<IngestSummaryResult> {
  const raw = parseJsonRecords(rawBody, spec.jsonField, PRECISE_JSON_KEYS, MAX_RECORDS_PER_REQUEST);
  const { valid, rejected } = spec.validate(
    raw.map((value, index) => ({ position: { index }, value })),
  );
  const stored = valid.length > 0 ? await spec.store(valid, null) : null;
  const problems = [...rejected, ...(stored?.problems ?? [])].sort(
    (a, b) => (a.index ?? 0) - (b.index ?? 0),
  );
  return {
    received: raw.length,
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
