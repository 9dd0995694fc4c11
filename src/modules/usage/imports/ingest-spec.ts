import { ImportKind } from './import.entity';
import { IngestCounts, Positioned, RecordProblem } from '../ingestion/ingest-outcome';

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
  ): Promise<{ counts: IngestCounts; problems: RecordProblem[] }>;
}
