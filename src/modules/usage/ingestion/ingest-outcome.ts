/** What happened to one record that was not simply accepted. */
export type ProblemOutcome = 'duplicate' | 'conflict' | 'quarantined' | 'rejected';

export interface RecordProblem {
  /** Position in the request's array (JSON) … */
  readonly index?: number;
  /** … or line number in the file (CSV, header = line 1). */
  readonly line?: number;
  readonly recordId: string | null;
  readonly outcome: ProblemOutcome;
  /** The input field at fault, for rejected records. */
  readonly field?: string | null;
  readonly code: string;
  readonly message: string;
}

/**
 * What became of the records received. Every record is counted under exactly one outcome, so
 * the outcomes add up to `received` (see `countedOutcomes`): a quarantined or excluded record is
 * stored too, but counted there and not as accepted.
 */
export interface IngestCounts {
  received: number;
  /** Stored new and attributed (usage), or simply stored (prices, events). */
  accepted: number;
  /** Known records whose mutable part changed (a list price getting its end time). */
  updated: number;
  duplicates: number;
  conflicts: number;
  /** Stored new, waiting for a mapping before it can be attributed. */
  quarantined: number;
  /** Stored new but not clean-room usage (no room id, another billing_origin_product). */
  excluded: number;
  /** Invalid: not stored. */
  rejected: number;
}

/** The outcomes that partition what was received. */
export const OUTCOME_COUNTS = [
  'accepted',
  'updated',
  'duplicates',
  'conflicts',
  'quarantined',
  'excluded',
  'rejected',
] as const satisfies readonly (keyof IngestCounts)[];

/** The sum of the outcomes: equal to `received` for any summary. */
export function countedOutcomes(counts: Omit<IngestCounts, 'received'>): number {
  return OUTCOME_COUNTS.reduce((sum, outcome) => sum + counts[outcome], 0);
}

export function emptyCounts(): IngestCounts {
  return {
    received: 0,
    accepted: 0,
    updated: 0,
    duplicates: 0,
    conflicts: 0,
    quarantined: 0,
    excluded: 0,
    rejected: 0,
  };
}

export function addCounts(into: IngestCounts, more: IngestCounts): void {
  for (const key of Object.keys(into) as (keyof IngestCounts)[]) into[key] += more[key];
}

/** What storing one batch did: its counts, and every record not simply accepted. */
export interface BatchResult {
  readonly counts: IngestCounts;
  readonly problems: RecordProblem[];
}

/** A record positioned in its request or file, so problems can point back at it. */
export interface Positioned<T> {
  readonly position: { readonly index?: number; readonly line?: number };
  readonly value: T;
}
