import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_TARGET } from '../../../shared/database/database.module';
import { DatabaseTarget } from '../../../shared/database/data-source-options';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UsageRecord } from '../domain/usage-record';
import { ConflictsWriter, NewConflict } from './conflicts.repository';
import { rowHash, toRow } from './usage-columns';
import { stageAsArrays, stageByCopy } from './usage-staging';
import { emptyCounts, IngestCounts, Positioned, RecordProblem } from './ingest-outcome';
import { KeyedItem, splitByKey } from './keyed-batch';
import { EXISTING_USAGE_HASHES, insertUsageBatchSql } from './usage-insert.sql';
import { UsagePartitions } from './usage-partitions';

export interface BatchResult {
  readonly counts: IngestCounts;
  readonly problems: RecordProblem[];
}

const REASON_MESSAGES: Record<string, string> = {
  missing_room_id: 'Clean-room usage without a central_clean_room_id',
  unknown_room: 'The room is not registered',
  no_owner: 'The room had no owner at usage_start_time',
  unknown_trigger:
    'Neither the account, the run_as principal nor a covering run ties the usage to a party',
  no_price: "No list price in force for this SKU, cloud, unit and the customer's currency",
};

/** A record with its key, and its stored columns as text (fingerprint last). */
type UsageItem = KeyedItem<UsageRecord> & { readonly row: (string | null)[] };

const keyOf = (r: UsageRecord) => `${r.recordId}/${r.recordType}`;

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
    records: readonly Positioned<UsageRecord>[],
    importId: string | null,
  ): Promise<BatchResult> {
    await this.partitions.ensureFor(records.map((r) => r.value.usageStartTime));
    return this.dataSource.transaction((manager) => this.ingestIn(manager, records, importId));
  }

  private async ingestIn(
    manager: EntityManager,
    records: readonly Positioned<UsageRecord>[],
    importId: string | null,
  ): Promise<BatchResult> {
    // A batch's joins and sorts fit in memory instead of spilling to disk.
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    const counts = { ...emptyCounts(), received: records.length };
    const problems: RecordProblem[] = [];
    const keyed: UsageItem[] = records.map((r) => {
      const row = toRow(r.value);
      return { ...r, key: keyOf(r.value), hash: rowHash(row), row };
    });
    const { unique, repeated, clashing } = splitByKey(keyed);
    const conflicts: NewConflict[] = [];

    const inserted = new Map<string, { status: string; reason: string | null }>();
    if (unique.length > 0) {
      const batch = unique.map((u) => u.row);
      const staged = this.database.embedded
        ? stageAsArrays(batch)
        : await stageByCopy(manager, batch);
      const rows: {
        record_id: string;
        record_type: string;
        status: string;
        reason: string | null;
      }[] = await manager.query(
        insertUsageBatchSql(staged.select, `$${staged.parameters.length + 1}`),
        [...staged.parameters, importId],
      );
      for (const row of rows) inserted.set(`${row.record_id}/${row.record_type}`, row);
    }

    const taken = unique.filter((u) => !inserted.has(u.key));
    const existing = await this.existingHashes(manager, taken);
    for (const item of unique) {
      const outcome = inserted.get(item.key);
      if (outcome) {
        counts.accepted++;
        if (outcome.status === 'excluded') counts.excluded++;
        if (outcome.status === 'quarantined') {
          counts.quarantined++;
          problems.push(
            problem(
              item,
              'quarantined',
              outcome.reason ?? 'quarantined',
              REASON_MESSAGES[outcome.reason ?? ''] ?? 'Quarantined',
            ),
          );
        }
        continue;
      }
      const storedHash = existing.get(item.key);
      if (storedHash === item.hash || storedHash === undefined) {
        counts.duplicates++;
        problems.push(
          problem(
            item,
            'duplicate',
            'duplicate',
            'Already received with the same content; nothing changed',
          ),
        );
      } else {
        conflicts.push({
          key: item.key,
          existingHash: storedHash,
          incomingHash: item.hash,
          incoming: item.value,
        });
        counts.conflicts++;
        problems.push(
          problem(
            item,
            'conflict',
            'conflict',
            'Already received with other content; the first version is kept',
          ),
        );
      }
    }
    for (const item of repeated) {
      counts.duplicates++;
      problems.push(
        problem(item, 'duplicate', 'duplicate', 'Sent twice in this batch with the same content'),
      );
    }
    for (const { item, firstHash } of clashing) {
      conflicts.push({
        key: item.key,
        existingHash: firstHash,
        incomingHash: item.hash,
        incoming: item.value,
      });
      counts.conflicts++;
      problems.push(
        problem(
          item,
          'conflict',
          'conflict',
          'Sent twice in this batch with other content; the first is kept',
        ),
      );
    }
    await this.conflicts.record(manager, 'usage', conflicts, importId);
    problems.sort(byPosition);
    return { counts, problems };
  }

  private async existingHashes(manager: EntityManager, items: readonly KeyedItem<UsageRecord>[]) {
    const hashes = new Map<string, string>();
    if (items.length === 0) return hashes;
    const rows: { record_id: string; record_type: string; content_hash: string }[] =
      await manager.query(EXISTING_USAGE_HASHES, [
        items.map((i) => i.value.recordId),
        items.map((i) => i.value.recordType),
      ]);
    for (const row of rows) hashes.set(`${row.record_id}/${row.record_type}`, row.content_hash);
    return hashes;
  }
}

function problem(
  item: KeyedItem<UsageRecord>,
  outcome: RecordProblem['outcome'],
  code: string,
  message: string,
): RecordProblem {
  return { ...item.position, recordId: item.value.recordId, outcome, code, message };
}

function byPosition(a: RecordProblem, b: RecordProblem): number {
  return (a.index ?? a.line ?? 0) - (b.index ?? b.line ?? 0);
}
