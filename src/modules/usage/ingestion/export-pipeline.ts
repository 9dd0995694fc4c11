import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { batchOutcomes } from './batch-outcomes';
import { ConflictsWriter } from './conflicts.repository';
import type { BeforeCommit, ExportKind } from './export-kind';
import { EXPORT_NAMES } from './export-names';
import type { BatchResult, Positioned } from './ingest-outcome';
import { KeyedItem, splitByKey } from './keyed-batch';

/**
 * The steps every Databricks export goes through, whether it came as JSON or CSV: each row keyed
 * and fingerprinted, the batch split by key (the first occurrence wins), then in one transaction
 * the new keys stored, every row counted once (batchOutcomes), the conflicts recorded, what the
 * export does after storing, and the caller's progress (beforeCommit). The export's work that a
 * batch owes and defers (clean-room events' re-attribution) is paid by `settle`, after the last
 * batch. What differs between the exports is their ExportKind.
 */
@Injectable()
export class ExportPipeline {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conflicts: ConflictsWriter,
  ) {}

  async ingest<T extends object, I extends KeyedItem<T>>(
    kind: ExportKind<T, I>,
    rows: readonly Positioned<T>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ): Promise<BatchResult> {
    await kind.beforeBatch?.(rows);
    const split = splitByKey(rows.map((row) => kind.keyed(row)));
    const { result, stored } = await this.dataSource.transaction(async (manager) => {
      const stored = await kind.store(manager, split, importId);
      const outcomes = batchOutcomes(split, rows.length, stored);
      await this.conflicts.record(
        manager,
        EXPORT_NAMES[kind.kind].conflictSource,
        outcomes.conflicts,
        importId,
      );
      await stored.afterOutcomes?.(manager, outcomes);
      const result: BatchResult = { counts: outcomes.counts, problems: outcomes.problems };
      await beforeCommit?.(manager, result);
      return { result, stored };
    });
    await stored.afterCommit?.();
    return result;
  }

  /** Once a request or an import has stored its last batch (see ExportKind.settle). */
  async settle<T extends object, I extends KeyedItem<T>>(kind: ExportKind<T, I>): Promise<void> {
    await kind.settle?.();
  }
}
