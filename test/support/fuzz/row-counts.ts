import { DataSource } from 'typeorm';

export type RowCounts = Record<string, number>;

/**
 * Counts the rows of every table of the public schema in one statement (a partitioned table
 * counts its partitions). The tables are listed once: migrations do not run during a test.
 */
export async function rowCounter(dataSource: DataSource): Promise<() => Promise<RowCounts>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  const sql = tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows FROM "${name}"`)
    .join(' UNION ALL ');
  return async () => {
    const rows: { name: string; rows: number }[] = await dataSource.query(sql);
    return Object.fromEntries(rows.map((row) => [row.name, row.rows]));
  };
}

/** The tables whose counts differ, as `table: before → after`. */
export function changedCounts(before: RowCounts, after: RowCounts): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name]} → ${after[name]}`);
}
