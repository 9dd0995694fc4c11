import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notebook versions a room has run, found without reading its runs: a room's distinct etags
 * are read by skipping from one to the next in this index (a loose index scan, a few seeks per
 * etag), and each etag's first and last run by one seek at either end. The fleet view reads them
 * for every room at once, and a notebook release reads which rooms run which version
 * (usage/queries/room-etags.reader.ts). Idempotent, as RunLookupIndexes1764455000000.
 */
export class RunsByEtag1764470000000 implements MigrationInterface {
  name = 'RunsByEtag1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS clean_room_runs_room_etag ON clean_room_runs (room_id, notebook_etag, started_at)
       WHERE notebook_etag IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS clean_room_runs_room_etag`);
  }
}
