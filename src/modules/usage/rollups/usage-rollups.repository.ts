import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DailyUsageRow {
  readonly customer_id: string;
  readonly day: string;
  readonly room_id: string;
  readonly trigger: string;
  readonly sku_name: string;
  readonly currency: string;
  readonly dbu: string;
  readonly list_cost: string;
  readonly partner_cost: string;
  readonly records: number;
}

export interface DailyUsageFilter {
  readonly customerId?: string;
  readonly roomId?: string;
  readonly from: Date;
  readonly to: Date;
}

/** Attributed usage per (customer, UTC day, room, trigger, SKU), read from the hourly rollups. */
@Injectable()
export class UsageRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  daily(filter: DailyUsageFilter): Promise<DailyUsageRow[]> {
    return this.dataSource.query(
      `SELECT customer_id, to_char((hour AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, room_id, trigger, sku_name,
              currency, sum(dbu)::text AS dbu, sum(list_cost)::text AS list_cost, sum(partner_cost)::text AS partner_cost,
              sum(records)::int AS records
       FROM usage_hourly
       WHERE hour >= $1 AND hour < $2 AND ($3::uuid IS NULL OR customer_id = $3)
         -- A room's rows are under its owners: the rollups' key leads with the customer.
         AND ($4::text IS NULL OR (room_id = $4 AND customer_id IN (SELECT customer_id FROM room_ownerships WHERE room_id = $4)))
       GROUP BY customer_id, (hour AT TIME ZONE 'UTC')::date, room_id, trigger, sku_name, currency
       -- Groups whose every row moved away (re-attributed elsewhere) are left out.
       HAVING sum(records) <> 0
       ORDER BY day, customer_id, room_id, trigger, sku_name, currency`,
      [filter.from, filter.to, filter.customerId ?? null, filter.roomId ?? null],
    );
  }
}
