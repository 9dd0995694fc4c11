import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_TARGET } from '../../../shared/database/database.module';
import { DatabaseTarget } from '../../../shared/database/data-source-options';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ATTRIBUTION_LOCK } from '../attribution/attribution-lock';
import { batchOutcomes } from './batch-outcomes';
import { ConflictsWriter } from './conflicts.repository';
import { columnsOf, conflictKeyOf, recordFromRow, recordIdOf, UsageRow } from './usage-columns';
import { stageAsArrays, stageByCopy } from './usage-staging';
import { BatchResult, Positioned } from './ingest-outcome';
import type { BeforeCommit } from '../imports/ingest-spec';
import { KeyedItem, splitByKey } from './keyed-batch';
import { EXISTING_USAGE_HASHES, insertUsageBatchSql } from './usage-insert.sql';
import { UsagePartitions } from './usage-partitions';

const REASON_MESSAGES: Record<string, string> = {
  missing_room_id: 'Clean-room usage without a central_clean_room_id',
  unknown_room: 'The room is not registered',
  no_owner: 'The room had no owner at usage_start_time',
  unknown_trigger:
    'Neither the account, the run_as principal nor a covering run ties the usage to a party',
  trigger_other_customer:
    "The billed account, run_as principal or run initiator belongs to another customer than the room's owner",
  no_price: "No list price in force for this SKU, cloud, unit and the customer's currency",
};

type UsageItem = KeyedItem<UsageRow>;

/**
 * Stores usage records idempotently and attributes them, in one transaction per batch: new keys
 * are inserted, attributed and rolled up in a single statement; known keys are duplicates (same
 * content) or conflicts (other content, recorded, first version kept).
 */
@Injectable()
export class UsageIngestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partitions: UsagePartitions,
    private readonly conflicts: ConflictsWriter,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  async ingest(
    records: readonly Positioned<UsageRow>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ): Promise<BatchResult> {
    await this.partitions.ensureFor(records.map((r) => r.value.startMs));
    return this.dataSource.transaction(async (manager) => {
      const result = await this.ingestIn(manager, records, importId);
      await beforeCommit?.(manager, result);
      return result;
    });
  }

  private async ingestIn(
    manager: EntityManager,
    records: readonly Positioned<UsageRow>[],
    importId: string | null,
  ): Promise<BatchResult> {
    // A batch's joins and sorts fit in memory instead of spilling to disk.
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    // Never compiled: the statement takes ~0.2 s a batch, and its estimated cost, which moves
    // with the runs stored, crossed the JIT thresholds: 1.4 s of compiling for every batch.
    await manager.query(`SET LOCAL jit = off`);
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [ATTRIBUTION_LOCK]);
    // A record's identity is its key hash: unambiguous, where the text `id/type` is not (the id
    // and the type may both hold a '/').
    const keyed: UsageItem[] = records.map(({ position, value }) => ({
      position,
      value,
      key: value.keyHash,
      hash: value.contentHash,
    }));
    const split = splitByKey(keyed);

    // The statement answers only the exceptions: rows quarantined or excluded, and (status null)
    // keys that were already taken. Every other key of the batch was stored and attributed.
    const exceptions = new Map<string, { status: string | null; reason: string | null }>();
    if (split.unique.length > 0) {
      const staged = this.database.embedded
        ? stageAsArrays(split.unique.map((u) => columnsOf(u.value)))
        : await stageByCopy(
            manager,
            split.unique.map((u) => u.value.line),
          );
      const rows: { key_hash: string; status: string | null; reason: string | null }[] =
        await manager.query(
          insertUsageBatchSql(staged.select, `$${staged.parameters.length + 1}`),
          [...staged.parameters, importId],
        );
      for (const row of rows) exceptions.set(row.key_hash, row);
    }
    const isStored = (item: UsageItem) =>
      exceptions.size === 0 || exceptions.get(item.key)?.status !== null;
    const existing = await this.existingHashes(
      manager,
      exceptions.size === 0 ? [] : split.unique.filter((u) => !isStored(u)),
    );
    const outcomes = batchOutcomes(split, records.length, {
      isStored,
      storedHash: (item) => existing.get(item.key),
      conflictKeyOf: (item) => conflictKeyOf(item.value),
      recordIdOf: (item) => recordIdOf(item.value),
      incomingOf: (item) => recordFromRow(columnsOf(item.value)),
      // Counted once: a quarantined or excluded record is stored, but not counted as accepted.
      storedAs: (item) => {
        const status = exceptions.get(item.key)?.status;
        return status === 'quarantined' || status === 'excluded' ? status : 'accepted';
      },
      onStored: (item, { problems }) => {
        const { status, reason } = exceptions.get(item.key) ?? { status: null, reason: null };
        if (status !== 'quarantined' || reason === null) return;
        problems.push({
          ...item.position,
          recordId: recordIdOf(item.value),
          outcome: 'quarantined',
          code: reason,
          message: REASON_MESSAGES[reason] ?? 'Quarantined',
        });
      },
    });
    await this.conflicts.record(manager, 'usage', outcomes.conflicts, importId);
    return { counts: outcomes.counts, problems: outcomes.problems };
  }

  private async existingHashes(manager: EntityManager, items: readonly UsageItem[]) {
    const hashes = new Map<string, string>();
    if (items.length === 0) return hashes;
    const rows: { key_hash: string; content_hash: string }[] = await manager.query(
      EXISTING_USAGE_HASHES,
      [items.map((i) => i.value.keyHash)],
    );
    for (const row of rows) hashes.set(row.key_hash, row.content_hash);
    return hashes;
  }
}
