import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DATABASE_TARGET } from '../../../shared/database/database.module';
import { DatabaseTarget } from '../../../shared/database/data-source-options';
import { ATTRIBUTION_LOCK } from '../attribution/attribution-lock';
import { columnsOf, UsageRow } from './usage-columns';
import { EXISTING_USAGE_HASHES, insertUsageBatchSql } from './usage-insert.sql';
import { stageAsArrays, stageByCopy } from './usage-staging';

/** What the insert statement answers for a key it did not simply store and attribute. */
export interface UsageException {
  readonly status: string | null;
  readonly reason: string | null;
}

/** The usage batch's SQL: its settings and lock, its one insert statement, the stored hashes. */
@Injectable()
export class UsageIngestRepository {
  constructor(@Inject(DATABASE_TARGET) private readonly database: DatabaseTarget) {}

  async prepareBatch(manager: EntityManager): Promise<void> {
    // A batch's joins and sorts fit in memory instead of spilling to disk.
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    // Never compiled: the statement takes ~0.2 s a batch, and its estimated cost, which moves
    // with the runs stored, crossed the JIT thresholds: 1.4 s of compiling for every batch.
    await manager.query(`SET LOCAL jit = off`);
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [ATTRIBUTION_LOCK]);
  }

  /**
   * Stores and attributes the rows (distinct keys) in one statement, which answers only the
   * exceptions, by key hash: rows quarantined or excluded, and (status null) keys that were
   * already taken. Every other key was stored and attributed.
   */
  async insertNew(
    manager: EntityManager,
    rows: readonly UsageRow[],
    importId: string | null,
  ): Promise<Map<string, UsageException>> {
    const exceptions = new Map<string, UsageException>();
    if (rows.length === 0) return exceptions;
    const staged = this.database.embedded
      ? stageAsArrays(rows.map((row) => columnsOf(row)))
      : await stageByCopy(
          manager,
          rows.map((row) => row.line),
        );
    const answered: { key_hash: string; status: string | null; reason: string | null }[] =
      await manager.query(insertUsageBatchSql(staged.select, `$${staged.parameters.length + 1}`), [
        ...staged.parameters,
        importId,
      ]);
    for (const row of answered) exceptions.set(row.key_hash, row);
    return exceptions;
  }

  /** The content hash stored under each key hash. */
  async storedHashes(
    manager: EntityManager,
    keyHashes: readonly string[],
  ): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    if (keyHashes.length === 0) return hashes;
    const rows: { key_hash: string; content_hash: string }[] = await manager.query(
      EXISTING_USAGE_HASHES,
      [keyHashes],
    );
    for (const row of rows) hashes.set(row.key_hash, row.content_hash);
    return hashes;
  }
}
