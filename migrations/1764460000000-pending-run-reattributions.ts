import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-attribution owed to changes of runs: per batch of clean-room events and room, the earliest
 * run start the batch changed, appended in the batch's transaction, and taken (deleted) in the
 * transaction that re-attributes the room's usage. An import of events re-attributes once, after
 * its last batch, not after each of them; a process that dies between the two leaves the debt here
 * for the sweep (see pending-run-reattributions.ts). Appended, not upserted per room: two batches
 * in flight touch the same rooms, and would wait for each other's commit on the room's row.
 */
export class PendingRunReattributions1764460000000 implements MigrationInterface {
  name = 'PendingRunReattributions1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_run_reattributions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        room_id text COLLATE "C" NOT NULL,
        from_time timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX pending_run_reattributions_room ON pending_run_reattributions (room_id, recorded_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_run_reattributions`);
  }
}
