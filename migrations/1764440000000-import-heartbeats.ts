import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A running import's heartbeat: the process running it touches it while it lives, so an import
 * whose process died (a crash, a redeploy mid-upload) can be told from one still going, and is
 * marked failed instead of showing `running` for ever.
 */
export class ImportHeartbeats1764440000000 implements MigrationInterface {
  name = 'ImportHeartbeats1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ingest_imports ADD COLUMN heartbeat_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()`,
    );
    await q.query(
      `CREATE INDEX ingest_imports_running ON ingest_imports (heartbeat_at) WHERE status = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ingest_imports_running`);
    await q.query(`ALTER TABLE ingest_imports DROP COLUMN heartbeat_at`);
  }
}
