import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../shared/errors/domain-error';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { IngestCounts, RecordProblem } from '../ingestion/ingest-outcome';
import { ImportEntity, ImportKind, ImportStatus } from './import.entity';

/**
 * A batch of an import that is no longer running (the sweep took its process for dead and marked
 * it failed) is not stored: a 409 for the caller, who sends the file again.
 */
export class ImportNotRunningError extends DomainError {
  constructor(readonly importId: string) {
    super(
      'import_interrupted',
      `Import ${importId} was marked failed while it ran (its heartbeats stopped reaching the database); ` +
        'its later batches were not stored. Send the file again: stored records come back as duplicates.',
    );
  }
}

/** The problems kept on an import; the counts stay complete beyond it. */
export const MAX_STORED_PROBLEMS = 1000;

/** Batches may finish out of order: the kept problems are put back in line order at the end. */
const PROBLEMS_IN_ORDER = `(SELECT coalesce(jsonb_agg(p ORDER BY (p->>'line')::int, (p->>'index')::int), '[]')
                           FROM jsonb_array_elements(problems) AS p)`;

@Injectable()
export class ImportsRepository {
  constructor(@InjectRepository(ImportEntity) private readonly imports: Repository<ImportEntity>) {}

  async start(kind: ImportKind, fileName: string | null, at: Date): Promise<string> {
    const rows: { id: string }[] = await this.imports.query(
      `INSERT INTO ingest_imports (kind, status, file_name, heartbeat_at) VALUES ($1, 'running', $2, $3) RETURNING id`,
      [kind, fileName, at],
    );
    return rows[0].id;
  }

  /**
   * Adds a batch's counts and problems (keeping the first MAX_STORED_PROBLEMS). Given the batch's
   * transaction, the counts commit with the records they count, so a crash never leaves them short.
   */
  async progress(
    manager: EntityManager,
    id: string,
    lines: number,
    counts: IngestCounts,
    problems: readonly RecordProblem[],
    at: Date,
  ): Promise<void> {
    const [, updated]: [unknown[], number] = await manager.query(
      `UPDATE ingest_imports SET heartbeat_at = greatest(heartbeat_at, $12),
         lines = greatest(lines, $2), accepted = accepted + $3, updated = updated + $11, duplicates = duplicates + $4, conflicts = conflicts + $5,
         quarantined = quarantined + $6, rejected = rejected + $7, excluded = excluded + $8,
         problems = CASE WHEN jsonb_array_length(problems) >= $10 THEN problems
                         ELSE (SELECT coalesce(jsonb_agg(p), '[]') FROM (
                                 SELECT p FROM jsonb_array_elements(problems || $9::jsonb) AS p LIMIT $10) AS kept) END,
         problems_truncated = problems_truncated OR jsonb_array_length(problems) + jsonb_array_length($9::jsonb) > $10
       WHERE id = $1 AND status = 'running'`,
      [
        id,
        lines,
        counts.accepted,
        counts.duplicates,
        counts.conflicts,
        counts.quarantined,
        counts.rejected,
        counts.excluded,
        JSON.stringify(problems),
        MAX_STORED_PROBLEMS,
        counts.updated,
        at,
      ],
    );
    // Marked failed meanwhile (its heartbeat was taken for dead): the batch is not stored either,
    // so the import stays as the sweep left it, and what it counts is what is stored.
    if (updated === 0) throw new ImportNotRunningError(id);
  }

  /** The import's process is alive. */
  async beat(id: string, at: Date): Promise<void> {
    await this.imports.query(
      `UPDATE ingest_imports SET heartbeat_at = greatest(heartbeat_at, $2) WHERE id = $1 AND status = 'running'`,
      [id, at],
    );
  }

  /**
   * Marks failed the running imports whose process has not been heard of since `silentSince`:
   * it stopped (a crash, a redeploy) before finishing them. Their stored batches stay, with their
   * counts; sending the file again stores the rest. Returns the imports so marked.
   */
  async failSilent(
    silentSince: Date,
    at: Date,
    alive: readonly string[],
  ): Promise<{ id: string; lines: number }[]> {
    const [rows]: [{ id: string; lines: number }[], number] = await this.imports.query(
      `UPDATE ingest_imports SET status = 'failed', finished_at = $2,
         error = 'Interrupted: no sign of the process running the import since '
                 || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' (it stopped, or could not reach the database), '
                 || CASE WHEN lines = 0 THEN 'before it stored any batch. '
                         ELSE 'when the furthest batch it stored ended at line ' || lines || '. The batches it stored are kept and counted. ' END
                 || 'Send the file again to import the rest (stored records come back as duplicates).',
         problems = ${PROBLEMS_IN_ORDER}
       WHERE status = 'running' AND heartbeat_at < $1 AND NOT (id = ANY($3::uuid[]))
       RETURNING id, lines`,
      [silentSince, at, alive],
    );
    return rows;
  }

  async finish(
    id: string,
    status: Exclude<ImportStatus, 'running'>,
    error: string | null,
    at: Date,
  ): Promise<void> {
    await this.imports.query(
      // An import the sweep marked failed stays failed (see progress).
      `UPDATE ingest_imports SET status = $2, error = $3, finished_at = $4,
         problems = ${PROBLEMS_IN_ORDER}
       WHERE id = $1 AND status = 'running'`,
      [id, status, error, at],
    );
  }

  findById(id: string): Promise<ImportEntity | null> {
    return this.imports.findOneBy({ id });
  }

  /** How many imports of each kind are running now (kinds with none are left out). */
  async runningByKind(): Promise<Partial<Record<ImportKind, number>>> {
    const rows: { kind: ImportKind; running: number }[] = await this.imports.query(
      `SELECT kind, count(*)::int AS running FROM ingest_imports WHERE status = 'running' GROUP BY kind`,
    );
    return Object.fromEntries(rows.map((row) => [row.kind, row.running]));
  }
}
