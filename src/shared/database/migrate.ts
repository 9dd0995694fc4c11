import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every replica agrees on it, so only one runs migrations at a time. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies pending migrations. On a shared Postgres replicas may start together, so the run is
 * serialised by an advisory lock held on a dedicated connection. The embedded database has a
 * single connection and a single process, so it needs (and can afford) no lock.
 */
export async function migrate(dataSource: DataSource, useLock: boolean): Promise<string[]> {
  if (!useLock) return names(await dataSource.runMigrations({ transaction: 'each' }));
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return names(await dataSource.runMigrations({ transaction: 'each' }));
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await lockRunner.release();
  }
}

function names(applied: { name: string }[]): string[] {
  return applied.map((m) => m.name);
}
