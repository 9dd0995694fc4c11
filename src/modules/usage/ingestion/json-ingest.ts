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
  const { received, valid, rejected } = validateBody(spec, rawBody);
  const stored = valid.length > 0 ? await spec.store(valid, null) : null;
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

/**
 * The body's rows, validated. A function of its own so that the parsed body is garbage once its
 * rows are validated, rather than live (and promoted by the garbage collector) while they are
 * stored.
 */
function validateBody<T>(spec: IngestSpec<T>, rawBody: unknown) {
  const raw = parseJsonRecords(rawBody, spec.jsonField, PRECISE_JSON_KEYS, MAX_RECORDS_PER_REQUEST);
  const checked = spec.validate(raw.map((value, index) => ({ position: { index }, value })));
  return { received: raw.length, ...checked };
}
