import type { EntityManager } from 'typeorm';
import type { ImportKind } from '../imports/import.entity';
import type { BatchOutcomes, OutcomeRules } from './batch-outcomes';
import type { BatchResult, Positioned, RecordProblem } from './ingest-outcome';
import type { KeyedItem, SplitBatch } from './keyed-batch';

/**
 * Called inside a batch's transaction once the batch is stored, with what storing it did: what
 * it writes (an import's progress) commits with the batch or not at all.
 */
export type BeforeCommit = (manager: EntityManager, stored: BatchResult) => Promise<void>;

/**
 * One of the three Databricks exports (system.billing.usage, system.billing.list_prices,
 * system.access.clean_room_events), declared by what sets it apart from the others: how its rows
 * are validated, keyed and fingerprinted, how new rows are stored and stored fingerprints read,
 * and what follows storing them. What they share (one transaction per batch, the split by key,
 * the outcome counts, the conflicts recorded, the progress hook, settling after the last batch)
 * is ExportPipeline's, written once.
 *
 * `I` is the keyed row the export works with: a KeyedItem, with whatever more it needs to decide
 * a known key's outcome (a list price's fingerprint without its end time).
 */
export interface ExportKind<T extends object, I extends KeyedItem<T> = KeyedItem<T>> {
  /** Which export it is (its JSON field and conflicts' source: EXPORT_NAMES). */
  readonly kind: ImportKind;
  /** Raw rows (JSON records or CSV lines) into valid rows and rejections, in order. */
  validate(rows: readonly Positioned<unknown>[]): {
    valid: Positioned<T>[];
    rejected: RecordProblem[];
  };
  /** A valid row with its identity (`key`) and the fingerprint of its content (`hash`). */
  keyed(row: Positioned<T>): I;
  /** Called before the batch's transaction opens (what DDL it needs, outside it). */
  beforeBatch?(rows: readonly Positioned<T>[]): Promise<void>;
  /**
   * In the batch's transaction: stores the batch's new keys (`split.unique`; the keys of a
   * batch are distinct there), reads what the known ones hold, and says how each is counted.
   */
  store(
    manager: EntityManager,
    split: SplitBatch<I>,
    importId: string | null,
  ): Promise<StoredBatch<I>>;
  /**
   * Called once a request or an import has stored its last batch: the work its batches owe
   * (durably, in their own transactions) and deferred to the end, done.
   */
  settle?(): Promise<void>;
}

/** What storing a batch did, as the outcome rules read it, and what follows from it. */
export interface StoredBatch<I> extends OutcomeRules<I> {
  /** In the batch's transaction, once its outcomes are counted and its conflicts recorded. */
  afterOutcomes?(manager: EntityManager, outcomes: BatchOutcomes<I>): Promise<void>;
  /** Once the batch has committed. */
  afterCommit?(): Promise<void>;
}
