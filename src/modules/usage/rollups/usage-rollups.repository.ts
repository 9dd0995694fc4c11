import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badRequest } from '../../../shared/errors/domain-error';
import {
  decodeCursor,
  encodeCursor,
  Page,
  PageRequest,
} from '../../../shared/database/keyset-page';
import { isCalendarDay } from '../../../shared/time/calendar-day';
import { CUSTOMER_ACCOUNTS, ROOM_OWNERSHIP_CHANGES } from '../../registry/registry.relations';

export interface DailyUsageRow {
  readonly customer_id: string;
  readonly day: string;
  readonly time_zone: string;
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
  /** Calendar days, `to` excluded, each in the customer's billing time zone. */
  readonly from: string;
  readonly to: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Attributed usage per (customer, local day, room, trigger, SKU, currency), read from the hourly
 * rollups. A day is a calendar day in the customer's billing time zone, as its billing periods
 * are: the hours that start in it (in a zone off UTC by a half hour, the hour that straddles
 * midnight counts in the day it starts in, as it does in the period rating). Each customer's
 * window is its own local midnights, so its hours are read by one range of the rollups' key.
 */
const DAILY_SQL = `
WITH zones AS (
  SELECT id AS customer_id, billing_time_zone AS zone FROM ${CUSTOMER_ACCOUNTS} c
  WHERE ($3::uuid IS NULL OR id = $3)
    -- A room's rows are under its owners: the rollups' key leads with the customer.
    AND ($4::text IS NULL OR id IN (SELECT customer_id FROM ${ROOM_OWNERSHIP_CHANGES} o WHERE o.room_id = $4))
),
days AS (
  SELECT h.customer_id, (h.hour AT TIME ZONE z.zone)::date AS day, z.zone AS time_zone, h.room_id,
         h.trigger, h.sku_name, h.currency, sum(h.dbu) AS dbu, sum(h.list_cost) AS list_cost,
         sum(h.partner_cost) AS partner_cost, sum(h.records) AS records
  FROM zones z
  JOIN usage_hourly h ON h.customer_id = z.customer_id
   AND h.hour >= (greatest($1::date, $5::date)::timestamp AT TIME ZONE z.zone)
   AND h.hour < ($2::date::timestamp AT TIME ZONE z.zone)
  WHERE ($4::text IS NULL OR h.room_id = $4)
  GROUP BY h.customer_id, (h.hour AT TIME ZONE z.zone)::date, z.zone, h.room_id, h.trigger, h.sku_name, h.currency
  -- Groups whose every row moved away (re-attributed elsewhere) are left out.
  HAVING sum(h.records) <> 0
)
SELECT customer_id, to_char(day, 'YYYY-MM-DD') AS day, time_zone, room_id, trigger, sku_name, currency,
       dbu::text AS dbu, list_cost::text AS list_cost, partner_cost::text AS partner_cost, records::int AS records
FROM days
WHERE $5::date IS NULL OR (day, customer_id, room_id, trigger, sku_name, currency) > ($5::date, $6::uuid, $7, $8, $9, $10)
ORDER BY day, customer_id, room_id, trigger, sku_name, currency
LIMIT $11`;

@Injectable()
export class UsageRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keyset pages on (day, customer, room, trigger, SKU, currency). */
  async daily(filter: DailyUsageFilter, request: PageRequest): Promise<Page<DailyUsageRow>> {
    const after = request.cursor === undefined ? null : dailyCursor(request.cursor);
    const rows: DailyUsageRow[] = await this.dataSource.query(DAILY_SQL, [
      filter.from,
      filter.to,
      filter.customerId ?? null,
      filter.roomId ?? null,
      ...(after ?? [null, null, null, null, null, null]),
      request.limit + 1,
    ]);
    const items = rows.slice(0, request.limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > request.limit && last
          ? encodeCursor([
              last.day,
              last.customer_id,
              last.room_id,
              last.trigger,
              last.sku_name,
              last.currency,
            ])
          : null,
    };
  }
}

/** The cursor's key, checked to be one this route wrote (its day and customer are cast in SQL). */
function dailyCursor(cursor: string): string[] {
  const key = decodeCursor(cursor, 6);
  if (!isCalendarDay(key[0]) || !UUID.test(key[1])) {
    throw badRequest('invalid_cursor', 'The cursor is not one this API returned', [
      {
        field: 'cursor',
        code: 'invalid_cursor',
        message: 'cursor must be a nextCursor from a previous page',
      },
    ]);
  }
  return key;
}
