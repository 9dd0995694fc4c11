import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';
import { PARTY_IDENTITIES, roomOwnershipSpans } from '../../registry/registry.relations';

/** Usage by who triggered it; DBU and costs at full precision. */
export interface UsageQuantities {
  /** DBU of runs the partner triggered, and their partner and list cost. */
  readonly partnerDbu: Dec;
  readonly partnerCost: Dec;
  readonly partnerListCost: Dec;
  /** DBU of runs the customer triggered, and their list cost (paid by the customer to Databricks). */
  readonly customerDbu: Dec;
  readonly customerListCost: Dec;
  /** Runs the partner triggered. */
  readonly partnerRuns: Dec;
}

/** A customer's usage of one room over a stretch of time. */
export interface RoomPeriodUsage extends UsageQuantities {
  readonly roomId: string;
}

interface RoomUsageRow {
  room_id: string;
  partner_dbu: string;
  partner_cost: string;
  partner_list_cost: string;
  customer_dbu: string;
  customer_list_cost: string;
  partner_runs: string;
}

/**
 * A customer's usage per room over [from, to), by basis, from the hourly rollups (an hour
 * belongs to the segment its start lies in) and the runs the partner started in the rooms while
 * the customer owned them. A room whose DBU net to nothing (retracted, or restated into another
 * room) and that saw no partner run is not active and is left out.
 */
const ROOM_USAGE = `
WITH usage AS (
  SELECT room_id,
         coalesce(sum(dbu) FILTER (WHERE trigger = 'partner'), 0) AS partner_dbu,
         coalesce(sum(partner_cost) FILTER (WHERE trigger = 'partner'), 0) AS partner_cost,
         coalesce(sum(list_cost) FILTER (WHERE trigger = 'partner'), 0) AS partner_list_cost,
         coalesce(sum(dbu) FILTER (WHERE trigger = 'customer'), 0) AS customer_dbu,
         coalesce(sum(list_cost) FILTER (WHERE trigger = 'customer'), 0) AS customer_list_cost,
         sum(dbu) AS dbu
  FROM usage_hourly
  WHERE customer_id = $1 AND currency = $2 AND hour >= $3 AND hour < $4
  GROUP BY room_id
),
-- The customer's spans of ownership, so runs are read per room through (room_id, started_at).
owned AS (
  SELECT room_id, effective_from, effective_to
  FROM ${roomOwnershipSpans({ everOwnedBy: '$1' })} spans
  WHERE customer_id = $1 AND effective_from < $4 AND effective_to > $3
),
runs AS (
  SELECT r.room_id, count(*) AS partner_runs
  FROM owned o
  JOIN clean_room_runs r
    ON r.room_id = o.room_id AND r.started_at >= greatest($3, o.effective_from) AND r.started_at < least($4, o.effective_to)
  JOIN ${PARTY_IDENTITIES} p ON p.kind = 'sharing_identifier' AND p.value = r.initiator AND p.party = 'partner'
  GROUP BY r.room_id
)
SELECT coalesce(u.room_id, r.room_id) AS room_id,
       coalesce(u.partner_dbu, 0) AS partner_dbu, coalesce(u.partner_cost, 0) AS partner_cost,
       coalesce(u.partner_list_cost, 0) AS partner_list_cost, coalesce(u.customer_dbu, 0) AS customer_dbu,
       coalesce(u.customer_list_cost, 0) AS customer_list_cost, coalesce(r.partner_runs, 0) AS partner_runs
FROM usage u FULL JOIN runs r ON r.room_id = u.room_id
WHERE coalesce(u.dbu, 0) <> 0 OR coalesce(r.partner_runs, 0) > 0
ORDER BY coalesce(u.room_id, r.room_id) COLLATE "C"`;

@Injectable()
export class RoomPeriodUsageReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async roomUsage(
    customerId: string,
    currency: string,
    from: Date,
    to: Date,
  ): Promise<RoomPeriodUsage[]> {
    const rows: RoomUsageRow[] = await this.dataSource.query(ROOM_USAGE, [
      customerId,
      currency,
      from,
      to,
    ]);
    return rows.map((row) => ({
      roomId: row.room_id,
      partnerDbu: new D(row.partner_dbu),
      partnerCost: new D(row.partner_cost),
      partnerListCost: new D(row.partner_list_cost),
      customerDbu: new D(row.customer_dbu),
      customerListCost: new D(row.customer_list_cost),
      partnerRuns: new D(row.partner_runs),
    }));
  }
}
