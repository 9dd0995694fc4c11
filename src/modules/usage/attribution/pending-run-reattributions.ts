import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A room whose runs changed: its usage that ends after `from` is owed re-attribution. */
export interface OwedRunReattribution {
  readonly roomId: string;
  readonly from: Date;
}

/**
 * Rooms whose last debt is at least $1 milliseconds old, by the database's clock (which wrote
 * recorded_at), or every room if $1 is null.
 */
const QUIET_ROOMS = `
  SELECT room_id FROM pending_run_reattributions GROUP BY room_id
  HAVING $1::int IS NULL OR max(recorded_at) < clock_timestamp() - $1::int * interval '1 millisecond'`;

/**
 * The re-attribution changes of runs owe, kept in pending_run_reattributions. A batch of
 * clean-room events appends what it owes in its own transaction, so the debt commits with the
 * runs it comes from; the re-attribution takes it in its transaction, so the debt goes with the
 * work done or not at all. A batch not yet committed is invisible to the taking: its debt stays
 * for its own request or import to pay.
 */
@Injectable()
export class PendingRunReattributions {
  /** Appends to what is owed, in the caller's transaction. */
  async record(manager: EntityManager, owed: readonly OwedRunReattribution[]): Promise<void> {
    if (owed.length === 0) return;
    await manager.query(
      `INSERT INTO pending_run_reattributions (room_id, from_time)
       SELECT * FROM unnest($1::text[], $2::timestamptz[])`,
      [owed.map((o) => o.roomId), owed.map((o) => o.from.toISOString())],
    );
  }

  /** Whether anything is owed (by rooms no batch touched for `quietMs`, when given). */
  async any(manager: EntityManager, quietMs?: number): Promise<boolean> {
    // Without a quiet period any row will do: no need to group every room's debts.
    const rows: unknown[] =
      quietMs === undefined
        ? await manager.query(`SELECT 1 FROM pending_run_reattributions LIMIT 1`)
        : await manager.query(`${QUIET_ROOMS} LIMIT 1`, [quietMs]);
    return rows.length > 0;
  }

  /**
   * Takes (deletes, in the caller's transaction) what is owed, or only what rooms no batch touched
   * for `quietMs` owe: per room, the earliest time.
   */
  async take(manager: EntityManager, quietMs?: number): Promise<OwedRunReattribution[]> {
    const rows: { room_id: string; from_time: Date }[] = await manager.query(
      // As a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH taken AS (
         DELETE FROM pending_run_reattributions WHERE room_id IN (${QUIET_ROOMS})
         RETURNING room_id, from_time)
       SELECT room_id, min(from_time) AS from_time FROM taken GROUP BY room_id`,
      [quietMs ?? null],
    );
    return rows.map((r) => ({ roomId: r.room_id, from: new Date(r.from_time) }));
  }
}
