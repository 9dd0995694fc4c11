import { NewConflict } from './conflicts.repository';
import { emptyCounts, IngestCounts, RecordProblem } from './ingest-outcome';
import { KeyedItem, SplitBatch } from './keyed-batch';

/** What a stored item is counted as. */
export type StoredOutcome = 'accepted' | 'quarantined' | 'excluded';

/** What became of a key that was already stored. */
export type KnownOutcome = 'duplicate' | 'conflict' | 'updated';

export interface BatchOutcomes<I> {
  readonly counts: IngestCounts;
  readonly problems: RecordProblem[];
  readonly conflicts: NewConflict[];
  /** Known keys whose mutable part may change (see `resolveKnown`). */
  readonly updated: I[];
}

export interface OutcomeRules<I> {
  /** Whether the item's key was new and the item stored. */
  isStored(item: I): boolean;
  /**
   * What a stored item is counted as (default `accepted`): counted once, as accepted,
   * quarantined or excluded, never under two of them.
   */
  storedAs?(item: I): StoredOutcome;
  /** Called for each stored item, to report more (a quarantine reason). */
  onStored?(item: I, outcomes: BatchOutcomes<I>): void;
  /** The fingerprint stored under the item's key, when the key was already taken. */
  storedHash(item: I): string | undefined;
  /** Tells a known key's outcome; by default the same fingerprint is a duplicate, another a conflict. */
  resolveKnown?(item: I, storedHash: string): KnownOutcome;
  /** The id reported with a problem (default: the key). */
  recordIdOf?(item: I): string;
  /** The incoming version recorded with a conflict (default: the item's value). */
  incomingOf?(item: I): object;
  /** The key a conflict is listed under (default: the item's key). */
  conflictKeyOf?(item: I): string;
}

/**
 * The one place that says what happened to each item of a batch: stored (accepted, quarantined
 * or excluded), duplicate (same key and content, here or in this batch), conflict (same key, other
 * content: recorded, the first kept), or updated; each item is counted once, under one of them.
 * Every item not simply stored is reported at its position.
 */
export function batchOutcomes<T extends object, I extends KeyedItem<T>>(
  split: SplitBatch<I>,
  received: number,
  rules: OutcomeRules<I>,
): BatchOutcomes<I> {
  const outcomes: BatchOutcomes<I> = {
    counts: { ...emptyCounts(), received },
    problems: [],
    conflicts: [],
    updated: [],
  };
  const { counts } = outcomes;
  const report = (item: I, outcome: 'duplicate' | 'conflict', message: string) =>
    outcomes.problems.push({
      ...item.position,
      recordId: rules.recordIdOf?.(item) ?? item.key,
      outcome,
      code: outcome,
      message,
    });
  const conflict = (item: I, existingHash: string, message: string) => {
    counts.conflicts++;
    outcomes.conflicts.push({
      key: rules.conflictKeyOf?.(item) ?? item.key,
      existingHash,
      incomingHash: item.hash,
      incoming: rules.incomingOf?.(item) ?? item.value,
    });
    report(item, 'conflict', message);
  };

  for (const item of split.unique) {
    if (rules.isStored(item)) {
      counts[rules.storedAs?.(item) ?? 'accepted']++;
      rules.onStored?.(item, outcomes);
      continue;
    }
    const stored = rules.storedHash(item);
    const known =
      stored === undefined
        ? 'duplicate'
        : (rules.resolveKnown?.(item, stored) ?? sameOrNot(item, stored));
    if (known === 'duplicate') {
      counts.duplicates++;
      report(item, 'duplicate', 'Already received with the same content; nothing changed');
    } else if (known === 'updated') {
      counts.updated++;
      outcomes.updated.push(item);
    } else {
      conflict(
        item,
        stored ?? '',
        'Already received with other content; the first version is kept',
      );
    }
  }
  for (const item of split.repeated) {
    counts.duplicates++;
    report(item, 'duplicate', 'Sent twice in this batch with the same content');
  }
  for (const { item, firstHash } of split.clashing) {
    conflict(item, firstHash, 'Sent twice in this batch with other content; the first is kept');
  }
  outcomes.problems.sort((a, b) => (a.index ?? a.line ?? 0) - (b.index ?? b.line ?? 0));
  return outcomes;
}

function sameOrNot(item: KeyedItem<unknown>, storedHash: string): KnownOutcome {
  return storedHash === item.hash ? 'duplicate' : 'conflict';
}
