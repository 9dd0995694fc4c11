import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { toColumnArrays, USAGE_COLUMNS } from './usage-columns';

/** Where a batch's rows are read from by the insert statement, and the parameters that go with it. */
export interface StagedBatch {
  /** A SELECT yielding the USAGE_COLUMNS, typed. */
  readonly select: string;
  readonly parameters: unknown[];
}

const names = USAGE_COLUMNS.map(([name]) => name).join(', ');

/**
 * The portable path (PGlite cannot COPY over its socket): the rows travel as one array per
 * column and are unnested by the statement itself.
 */
export function stageAsArrays(rows: readonly (string | null)[][]): StagedBatch {
  const arrays = USAGE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  return {
    select: `SELECT * FROM unnest(${arrays}) AS s(${names})`,
    parameters: toColumnArrays(rows),
  };
}

/**
 * The fast path on PostgreSQL: the rows' COPY lines (see copy-text.ts) are COPYed into a
 * temporary table that lives as long as the connection and is emptied at each commit.
 */
export async function stageByCopy(
  manager: EntityManager,
  lines: readonly string[],
): Promise<StagedBatch> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('stageByCopy needs a transaction');
  const client = (await runner.connect()) as PoolClient;
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS usage_stage (${USAGE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})
     ON COMMIT DELETE ROWS`,
  );
  await pipeline(
    Readable.from(chunks(lines)),
    client.query(copyFrom(`COPY usage_stage (${names}) FROM STDIN`)),
  );
  return { select: `SELECT * FROM usage_stage`, parameters: [] };
}

/** The lines in chunks of about 256 kB, so the COPY stream gets few, large writes. */
function* chunks(lines: readonly string[]): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
