import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a room's runs say of it: its last run start and the notebook version it runs. */
export interface RoomActivity {
  readonly roomId: string;
  readonly lastRunAt: Date | null;
  /** The etag of the latest-started run that has one; null: none has, keep what is shown. */
  readonly notebookEtag: string | null;
}

/**
 * Registry's recorder of what clean-room runs tell about a room (its deployed notebook version
 * and last run), for the usage module, in the caller's transaction (issue 14).
 */
@Injectable()
export class RoomActivityRecorder {
  /** An etag replaces the shown one; a last run only moves forward. Unknown rooms are skipped. */
  async record(manager: EntityManager, activity: readonly RoomActivity[], at: Date): Promise<void> {
    if (activity.length === 0) return;
    await manager.query(
      `UPDATE clean_rooms r SET
         notebook_etag = coalesce(x.etag, r.notebook_etag),
         last_run_at = greatest(x.last_run_at, r.last_run_at),
         updated_at = $4
       FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS x(room_id, last_run_at, etag)
       WHERE r.id = x.room_id`,
      [
        activity.map((room) => room.roomId),
        activity.map((room) => room.lastRunAt?.toISOString() ?? null),
        activity.map((room) => room.notebookEtag),
        at,
      ],
    );
  }
}
