import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A room whose runs changed: its usage that ends after `from` is owed re-attribution. */
export interface OwedRunReattribution {
  readonly roomId: string;
  readonly from: Date;
}

/** Untouched for $1 milliseconds, by the database's clock (which wrote touched_at), or any if null. */
const QUIET = `($1::int IS NULL OR touched_at < clock_timestamp() - $1::int * interval '1 millisecond')`;

/**
 * The re-attribution a change of runs owes, kept in pending_run_reattributions (one row per room,
 * the earliest time owed). A batch of clean-room events records what it owes in its own
 * transaction, so the debt commits with the runs it comes from; the re-attribution takes it in
 * its transaction, so the debt goes with the work done or not at all.
 */
@Injectable()
export class PendingRunReattributions {
  /** Adds to what is owed (in the caller's transaction); rooms in one order, so batches never deadlock. */
  async record(manager: EntityManager, owed: readonly OwedRunReattribution[]): Promise<void> {
    if (owed.length === 0) return;
    const sorted = [...owed].sort((a, b) =>
      a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0,
    );
    await manager.query(
      `INSERT INTO pending_run_reattributions AS p (room_id, from_time)
       SELECT room_id, from_time FROM unnest($1::text[], $2::timestamptz[]) AS o(room_id, from_time)
       ORDER BY room_id COLLATE "C"
       ON CONFLICT (room_id) DO UPDATE
         SET from_time = LEAST(p.from_time, EXCLUDED.from_time), touched_at = clock_timestamp()`,
      [sorted.map((o) => o.roomId), sorted.map((o) => o.from.toISOString())],
    );
  }

  /** Whether anything is owed (untouched for `quietMs`, when given), without taking it. */
  async any(manager: EntityManager, quietMs?: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM pending_run_reattributions WHERE ${QUIET} LIMIT 1`,
      [quietMs ?? null],
    );
    return rows.length > 0;
  }

  /**
   * Takes (deletes, in the caller's transaction) what is owed, or only what no batch touched for
   * `quietMs`. A room a batch still being written holds is skipped: that batch's own
   * re-attribution will find it once it commits.
   */
  async take(manager: EntityManager, quietMs?: number): Promise<OwedRunReattribution[]> {
    const rows: { room_id: string; from_time: Date }[] = await manager.query(
      // As a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH taken AS (
         DELETE FROM pending_run_reattributions
         WHERE room_id IN (SELECT room_id FROM pending_run_reattributions WHERE ${QUIET}
                           FOR UPDATE SKIP LOCKED)
         RETURNING room_id, from_time)
       SELECT room_id, from_time FROM taken`,
      [quietMs ?? null],
    );
    return rows.map((r) => ({ roomId: r.room_id, from: new Date(r.from_time) }));
  }
}
