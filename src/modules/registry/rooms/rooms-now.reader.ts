import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A room as the registry holds it now, with its owner at that instant. */
export interface RoomNow {
  readonly roomId: string;
  readonly name: string;
  /** The notebook version of the room's latest run that had one. */
  readonly notebookEtag: string | null;
  readonly expectedRunIntervalHours: number | null;
  /** Null while the room's first ownership has not started. */
  readonly owner: {
    readonly customerId: string;
    /** Start of the owner's current span: the handover to it, or its first ownership. */
    readonly since: Date;
    readonly currency: string;
    readonly billingTimeZone: string;
  } | null;
}

interface RoomRow {
  id: string;
  name: string;
  notebook_etag: string | null;
  expected_run_interval_hours: number | null;
  customer_id: string | null;
  owner_since: Date | null;
  currency: string | null;
  billing_time_zone: string | null;
}

/**
 * Every room with its owner at $1: the ownerships in one pass of (room_id, effective_from), the
 * latest started by $1 of each room (a lateral seek per room planned the customers' join inside
 * its loop: 3× slower for a thousand rooms).
 */
const ROOMS_NOW = `
SELECT r.id, r.name, r.notebook_etag, r.expected_run_interval_hours,
       o.customer_id, o.effective_from AS owner_since, c.currency, c.billing_time_zone
FROM clean_rooms r
LEFT JOIN (
  SELECT DISTINCT ON (room_id) room_id, customer_id, effective_from FROM room_ownerships
  WHERE effective_from <= $1 ORDER BY room_id, effective_from DESC
) o ON o.room_id = r.id
LEFT JOIN customers c ON c.id = o.customer_id
WHERE $2::uuid IS NULL OR o.customer_id = $2
ORDER BY r.id`;

/** Registry's reader of the whole fleet of rooms at an instant (issue 15, fleet view). */
@Injectable()
export class RoomsNowReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every room (or those `ownerId` owns at `at`), by id. */
  async rooms(at: Date, ownerId: string | null = null): Promise<RoomNow[]> {
    const rows: RoomRow[] = await this.dataSource.query(ROOMS_NOW, [at, ownerId]);
    return rows.map((row) => ({
      roomId: row.id,
      name: row.name,
      notebookEtag: row.notebook_etag,
      expectedRunIntervalHours: row.expected_run_interval_hours,
      owner:
        row.customer_id === null || row.owner_since === null
          ? null
          : {
              customerId: row.customer_id,
              since: new Date(row.owner_since),
              currency: (row.currency ?? '').trim(),
              billingTimeZone: row.billing_time_zone ?? 'UTC',
            },
    }));
  }
}
