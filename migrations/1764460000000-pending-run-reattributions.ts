import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-attribution owed to a change of runs, per room, from the earliest run start it concerns:
 * written in the transaction of the batch of clean-room events that changed the runs, and taken
 * (deleted) in the transaction that re-attributes the room's usage. An import of events
 * re-attributes once, after its last batch, not after each of them; a process that dies between
 * the two leaves the debt here for the sweep (see pending-run-reattributions.ts).
 */
export class PendingRunReattributions1764460000000 implements MigrationInterface {
  name = 'PendingRunReattributions1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_run_reattributions (
        room_id text COLLATE "C" PRIMARY KEY,
        from_time timestamptz NOT NULL,
        touched_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_run_reattributions`);
  }
}
