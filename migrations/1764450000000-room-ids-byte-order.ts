import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every room id takes the "C" collation that usage_records.room_id took in ByteOrderKeys: a join
 * of two room ids of different collations cannot use a btree index on either, so the lookup of the
 * run covering a usage hour scanned every run stored (65 ms a row at a million runs). Equality is
 * unchanged. The rooms' lower-case check keeps its meaning: lower() under "C" folds ASCII only.
 *
 * Runs longer than the bound the attribution reads ordinary runs by (see covering-run.sql.ts,
 * LONG_RUN_PREDICATE, which must be this index's predicate word for word), and runs without an
 * end, get an index of their own, by room and end. Statistics on a run's length let the planner
 * see how few they are: without them it took a third of all runs for long ones, priced each
 * lookup at ~330 instead of ~30, and the batch statement crossed the JIT thresholds. (What was
 * added to it later is in RunLookupIndexes1764455000000: this one had already run on main.)
 */
export class RoomIdsByteOrder1764450000000 implements MigrationInterface {
  name = 'RoomIdsByteOrder1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await this.collate(q, '"C"', 'lower(id COLLATE pg_catalog."default")');
    await q.query(`
      CREATE INDEX clean_room_runs_long ON clean_room_runs (room_id, coalesce(ended_at, 'infinity'::timestamptz))
      WHERE ended_at IS NULL OR ended_at - started_at > interval '6 hours'`);
    await q.query(
      `CREATE STATISTICS clean_room_runs_length ON (ended_at - started_at) FROM clean_room_runs`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS clean_room_runs_length`);
    await q.query(`DROP INDEX clean_room_runs_long`);
    await this.collate(q, 'pg_catalog."default"', 'lower(id)');
  }

  private async collate(q: QueryRunner, collation: string, lowerId: string): Promise<void> {
    const to = (column: string) => `ALTER COLUMN ${column} TYPE text COLLATE ${collation}`;
    // The referencing column first, so the foreign key is rebuilt between equal collations.
    await q.query(`ALTER TABLE room_ownerships ${to('room_id')}`);
    await q.query(`
      ALTER TABLE clean_rooms ${to('id')},
        DROP CONSTRAINT clean_rooms_id_check,
        ADD CONSTRAINT clean_rooms_id_check CHECK (id = ${lowerId} AND char_length(id) BETWEEN 1 AND 100)`);
    await q.query(`ALTER TABLE clean_room_runs ${to('room_id')}`);
    await q.query(`ALTER TABLE clean_room_events ${to('room_id')}`);
  }
}
