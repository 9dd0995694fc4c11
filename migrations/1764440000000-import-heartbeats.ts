import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A running import's heartbeat: the process running it touches it while it lives, so an import
 * whose process died (a crash, a redeploy mid-upload) can be told from one still going, and is
 * marked failed instead of showing `running` for ever. Imports already there are taken as last
 * heard of when they started (or finished).
 */
export class ImportHeartbeats1764440000000 implements MigrationInterface {
  name = 'ImportHeartbeats1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_imports ADD COLUMN heartbeat_at timestamptz(3)`);
    await q.query(`UPDATE ingest_imports SET heartbeat_at = coalesce(finished_at, started_at)`);
    await q.query(`
      ALTER TABLE ingest_imports
        ALTER COLUMN heartbeat_at SET DEFAULT clock_timestamp(),
        ALTER COLUMN heartbeat_at SET NOT NULL`);
    await q.query(
      `CREATE INDEX ingest_imports_running ON ingest_imports (heartbeat_at) WHERE status = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ingest_imports_running`);
    await q.query(`ALTER TABLE ingest_imports DROP COLUMN heartbeat_at`);
  }
}
