import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';

/** One customer's stretch of time to sum, and the part of it to sum partner exposure over. */
export interface CustomerSpan {
  readonly customerId: string;
  /** Amounts are summed in this currency only (the customer's, as rating does). */
  readonly currency: string;
  readonly from: Date;
  readonly to: Date;
  /** Partner-triggered usage in [exposureFrom, exposureTo) (any currency, as a budget counts it). */
  readonly exposure: { readonly from: Date; readonly to: Date } | null;
}

/** A customer's usage of one room over its span. */
export interface RoomTotals {
  readonly customerId: string;
  readonly roomId: string;
  readonly partnerDbu: Dec;
  readonly customerDbu: Dec;
  readonly listCost: Dec;
  readonly partnerCost: Dec;
  /** Partner-triggered DBU and partner cost in the exposure part of the span. */
  readonly exposureDbu: Dec;
  readonly exposureCost: Dec;
}

interface TotalsRow {
  customer_id: string;
  room_id: string;
  partner_dbu: string;
  customer_dbu: string;
  list_cost: string;
  partner_cost: string;
  exposure_dbu: string;
  exposure_cost: string;
}

/**
 * Every customer's span in one statement, the room totals and the exposure in one pass over the
 * rows. For one customer that is a range of the rollups' key (customer, hour, …), whose index
 * carries the amounts; for a whole fleet at month end, hundreds of thousands of rows (the fleet
 * view keeps its result per customer for a few minutes: CustomerMonthCache).
 */
const TOTALS = `
SELECT h.customer_id, h.room_id,
       coalesce(sum(h.dbu) FILTER (WHERE h.currency = x.currency AND h.trigger = 'partner'), 0) AS partner_dbu,
       coalesce(sum(h.dbu) FILTER (WHERE h.currency = x.currency AND h.trigger = 'customer'), 0) AS customer_dbu,
       coalesce(sum(h.list_cost) FILTER (WHERE h.currency = x.currency), 0) AS list_cost,
       coalesce(sum(h.partner_cost) FILTER (WHERE h.currency = x.currency), 0) AS partner_cost,
       coalesce(sum(h.dbu) FILTER (WHERE h.trigger = 'partner' AND h.hour >= x.exposure_from AND h.hour < x.exposure_to), 0) AS exposure_dbu,
       coalesce(sum(h.partner_cost) FILTER (WHERE h.trigger = 'partner' AND h.hour >= x.exposure_from AND h.hour < x.exposure_to), 0) AS exposure_cost
FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])
  AS x(customer_id, currency, from_time, to_time, exposure_from, exposure_to)
JOIN usage_hourly h ON h.customer_id = x.customer_id AND h.hour >= x.from_time AND h.hour < x.to_time
GROUP BY h.customer_id, h.room_id`;

/** Usage's reader of customers' usage per room over their current periods (fleet view). */
@Injectable()
export class PeriodRoomTotalsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totals(spans: readonly CustomerSpan[]): Promise<RoomTotals[]> {
    if (spans.length === 0) return [];
    const rows: TotalsRow[] = await this.dataSource.query(TOTALS, [
      spans.map((span) => span.customerId),
      spans.map((span) => span.currency),
      spans.map((span) => span.from.toISOString()),
      spans.map((span) => span.to.toISOString()),
      spans.map((span) => span.exposure?.from.toISOString() ?? null),
      spans.map((span) => span.exposure?.to.toISOString() ?? null),
    ]);
    return rows.map((row) => ({
      customerId: row.customer_id,
      roomId: row.room_id,
      partnerDbu: new D(row.partner_dbu),
      customerDbu: new D(row.customer_dbu),
      listCost: new D(row.list_cost),
      partnerCost: new D(row.partner_cost),
      exposureDbu: new D(row.exposure_dbu),
      exposureCost: new D(row.exposure_cost),
    }));
  }
}
