import type { EntityManager } from 'typeorm';
import { ImportKind } from './import.entity';
import { BatchResult, Positioned, RecordProblem } from '../ingestion/ingest-outcome';

/**
 * Called inside a batch's transaction once the batch is stored, with what storing it did: what
 * it writes (an import's progress) commits with the batch or not at all.
 */
export type BeforeCommit = (manager: EntityManager, stored: BatchResult) => Promise<void>;

/** How one kind of Databricks export is validated and stored, whether it came as JSON or CSV. */
export interface IngestSpec<T> {
  readonly kind: ImportKind;
  /** Field holding the rows in a JSON request body. */
  readonly jsonField: string;
  validate(rows: readonly Positioned<unknown>[]): {
    valid: Positioned<T>[];
    rejected: RecordProblem[];
  };
  store(
    batch: readonly Positioned<T>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ): Promise<BatchResult>;
  /**
   * Called once a request or an import has stored its last batch: the work its batches owe
   * (durably, in their own transactions) and deferred to the end, done.
   */
  settle?(): Promise<void>;
}
