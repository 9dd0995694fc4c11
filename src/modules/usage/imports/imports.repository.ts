import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IngestCounts, RecordProblem } from '../ingestion/ingest-outcome';
import { ImportEntity, ImportKind, ImportStatus } from './import.entity';

/** The problems kept on an import; the counts stay complete beyond it. */
export const MAX_STORED_PROBLEMS = 1000;

@Injectable()
export class ImportsRepository {
  constructor(@InjectRepository(ImportEntity) private readonly imports: Repository<ImportEntity>) {}

  async start(kind: ImportKind, fileName: string | null): Promise<string> {
    const rows: { id: string }[] = await this.imports.query(
      `INSERT INTO ingest_imports (kind, status, file_name) VALUES ($1, 'running', $2) RETURNING id`,
      [kind, fileName],
    );
    return rows[0].id;
  }

  /** Adds a batch's counts and problems (keeping the first MAX_STORED_PROBLEMS). */
  async progress(
    id: string,
    lines: number,
    counts: IngestCounts,
    problems: readonly RecordProblem[],
  ): Promise<void> {
    await this.imports.query(
      `UPDATE ingest_imports SET
         lines = greatest(lines, $2), accepted = accepted + $3, updated = updated + $11, duplicates = duplicates + $4, conflicts = conflicts + $5,
         quarantined = quarantined + $6, rejected = rejected + $7, excluded = excluded + $8,
         problems = CASE WHEN jsonb_array_length(problems) >= $10 THEN problems
                         ELSE (SELECT coalesce(jsonb_agg(p), '[]') FROM (
                                 SELECT p FROM jsonb_array_elements(problems || $9::jsonb) AS p LIMIT $10) AS kept) END,
         problems_truncated = problems_truncated OR jsonb_array_length(problems) + jsonb_array_length($9::jsonb) > $10
       WHERE id = $1`,
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
      ],
    );
  }

  async finish(
    id: string,
    status: Exclude<ImportStatus, 'running'>,
    error: string | null,
    at: Date,
  ): Promise<void> {
    // Batches may finish out of order: the kept problems are put back in line order at the end.
    await this.imports.query(
      `UPDATE ingest_imports SET status = $2, error = $3, finished_at = $4,
         problems = (SELECT coalesce(jsonb_agg(p ORDER BY (p->>'line')::int, (p->>'index')::int), '[]')
                     FROM jsonb_array_elements(problems) AS p)
       WHERE id = $1`,
      [id, status, error, at],
    );
  }

  findById(id: string): Promise<ImportEntity | null> {
    return this.imports.findOneBy({ id });
  }
}
