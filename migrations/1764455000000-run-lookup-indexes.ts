import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written into RoomIdsByteOrder1764450000000 after it had landed on main, so a database that had
 * already run it lacked them; here on their own, each made idempotent for the databases that ran
 * the longer version.
 *
 * A run that was stored open and then completed leaves its open version in clean_room_runs_long
 * until a vacuum, and every lookup in its room steps over it: the table is vacuumed at 2 % dead
 * rows, not 20 %. The rooms' notebook version is read from their latest run that has one, by a
 * partial index. Usage rows longer than an hour (none, in hourly exports) get a partial index
 * too, so the rows a change of runs may affect are found by start time, within the months
 * concerned (see reattribution-selection.sql.ts, LONG_USAGE_WINDOW).
 */
export class RunLookupIndexes1764455000000 implements MigrationInterface {
  name = 'RunLookupIndexes1764455000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE clean_room_runs SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS clean_room_runs_etag ON clean_room_runs (room_id, started_at) WHERE notebook_etag IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS usage_records_long_window ON usage_records (room_id)
       WHERE usage_end_time - usage_start_time > interval '1 hour'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX usage_records_long_window`);
    await q.query(`DROP INDEX clean_room_runs_etag`);
    await q.query(
      `ALTER TABLE clean_room_runs RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`,
    );
  }
}
