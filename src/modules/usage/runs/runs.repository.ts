import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PARTY_IDENTITIES, ROOM_OWNERSHIP_CHANGES } from '../../registry/registry.relations';
import { CleanRoomRun } from '../domain/run';
import { RUNS_OVERLAPPING_WINDOW_SQL } from './runs-window.sql';

export interface HourTotals {
  readonly hour: Date;
  readonly currency: string;
  readonly dbu: string;
  readonly listCost: string;
  readonly partnerCost: string;
}

interface RunRow {
  room_id: string;
  run_id: string;
  notebook_name: string | null;
  notebook_etag: string | null;
  initiator: string | null;
  state: string | null;
  started_at: Date | null;
  ended_at: Date | null;
}

function toRun(r: RunRow): CleanRoomRun {
  return {
    roomId: r.room_id,
    runId: r.run_id,
    notebookName: r.notebook_name,
    notebookEtag: r.notebook_etag,
    initiator: r.initiator,
    state: r.state,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

@Injectable()
export class RunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs of the room that overlap [from, to). */
  async overlapping(roomId: string, from: Date, to: Date): Promise<CleanRoomRun[]> {
    const rows: RunRow[] = await this.dataSource.query(RUNS_OVERLAPPING_WINDOW_SQL, [
      roomId,
      from,
      to,
    ]);
    return rows.map(toRun);
  }

  /**
   * Runs of the room that overlap [from, to) and started while `customerId` owned it: a run is
   * its starter's owner's, so another customer's runs in the same room never show here.
   */
  async overlappingOwnedBy(
    roomId: string,
    customerId: string,
    from: Date,
    to: Date,
  ): Promise<CleanRoomRun[]> {
    const rows: RunRow[] = await this.dataSource.query(
      `SELECT r.* FROM clean_room_runs r
       WHERE r.room_id = $1 AND r.started_at < $4 AND coalesce(r.ended_at, 'infinity') > $3
         AND (SELECT o.customer_id FROM ${ROOM_OWNERSHIP_CHANGES} o
              WHERE o.room_id = $1 AND o.effective_from <= r.started_at
              ORDER BY o.effective_from DESC LIMIT 1) = $2
       ORDER BY r.started_at, r.run_id`,
      [roomId, customerId, from, to],
    );
    return rows.map(toRun);
  }

  /**
   * Runs of the room started in [from, to) while `customerId` owned it, by a sharing identifier of
   * the partner: what rating counts for a `partner_run` charge (RoomPeriodUsageReader).
   */
  async partnerStartedOwnedBy(
    roomId: string,
    customerId: string,
    from: Date,
    to: Date,
  ): Promise<CleanRoomRun[]> {
    const rows: RunRow[] = await this.dataSource.query(
      `SELECT r.* FROM clean_room_runs r
       WHERE r.room_id = $1 AND r.started_at >= $3 AND r.started_at < $4
         AND EXISTS (SELECT 1 FROM ${PARTY_IDENTITIES} p
                     WHERE p.kind = 'sharing_identifier' AND p.value = r.initiator AND p.party = 'partner')
         AND (SELECT o.customer_id FROM ${ROOM_OWNERSHIP_CHANGES} o
              WHERE o.room_id = $1 AND o.effective_from <= r.started_at
              ORDER BY o.effective_from DESC LIMIT 1) = $2
       ORDER BY r.started_at, r.run_id`,
      [roomId, customerId, from, to],
    );
    return rows.map(toRun);
  }

  /** The room's attributed usage per hour and currency, from the rollups. */
  async hours(roomId: string, from: Date, to: Date): Promise<HourTotals[]> {
    const rows: {
      hour: Date;
      currency: string;
      dbu: string;
      list_cost: string;
      partner_cost: string;
    }[] = await this.dataSource.query(
      `SELECT hour, currency, sum(dbu)::text AS dbu, sum(list_cost)::text AS list_cost, sum(partner_cost)::text AS partner_cost
         FROM usage_hourly
         -- Through the room's owners: the rollups' key leads with the customer.
         WHERE customer_id IN (SELECT customer_id FROM ${ROOM_OWNERSHIP_CHANGES} o WHERE o.room_id = $1)
           AND room_id = $1 AND hour >= date_trunc('hour', $2::timestamptz, 'UTC') AND hour < $3
         GROUP BY hour, currency ORDER BY hour, currency`,
      [roomId, from, to],
    );
    return rows.map((r) => ({
      hour: r.hour,
      currency: r.currency,
      dbu: r.dbu,
      listCost: r.list_cost,
      partnerCost: r.partner_cost,
    }));
  }
}
