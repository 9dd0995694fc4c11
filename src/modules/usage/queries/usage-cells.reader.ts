import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';

/** One customer's attributed usage of one room in one hour, of one SKU, by one trigger. */
export interface UsageCell {
  readonly hour: Date;
  readonly trigger: 'partner' | 'customer';
  readonly skuName: string;
  readonly currency: string;
  readonly dbu: Dec;
  readonly listCost: Dec;
  readonly partnerCost: Dec;
}

/**
 * The hourly rollups as cells, for reports: which rooms a customer used over a stretch of time,
 * and each room's cells. Rows that net to nothing (every record moved away, re-attributed) are left out.
 */
@Injectable()
export class UsageCellsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Rooms with usage of the customer in [from, to), in byte order; one range of the key. */
  async roomsUsed(customerId: string, from: Date, to: Date): Promise<string[]> {
    const rows: { room_id: string }[] = await this.dataSource.query(
      // GROUP BY, not DISTINCT: with DISTINCT, Postgres refuses an ORDER BY (the byte order here)
      // that is not in the select list.
      `SELECT room_id FROM usage_hourly
       WHERE customer_id = $1 AND hour >= $2 AND hour < $3 AND (dbu <> 0 OR list_cost <> 0 OR partner_cost <> 0)
       GROUP BY room_id
       ORDER BY room_id COLLATE "C"`,
      [customerId, from, to],
    );
    return rows.map((row) => row.room_id);
  }

  /** The customer's cells of the room in [from, to), by hour. */
  async cells(customerId: string, roomId: string, from: Date, to: Date): Promise<UsageCell[]> {
    const rows: {
      hour: Date;
      trigger: 'partner' | 'customer';
      sku_name: string;
      currency: string;
      dbu: string;
      list_cost: string;
      partner_cost: string;
    }[] = await this.dataSource.query(
      `SELECT hour, trigger, sku_name, currency, dbu::text AS dbu, list_cost::text AS list_cost,
              partner_cost::text AS partner_cost
       FROM usage_hourly
       WHERE customer_id = $1 AND room_id = $2 AND hour >= $3 AND hour < $4 AND (dbu <> 0 OR list_cost <> 0 OR partner_cost <> 0)
       ORDER BY hour, trigger, sku_name COLLATE "C", currency`,
      [customerId, roomId, from, to],
    );
    return rows.map((row) => ({
      hour: row.hour,
      trigger: row.trigger,
      skuName: row.sku_name,
      currency: row.currency,
      dbu: new D(row.dbu),
      listCost: new D(row.list_cost),
      partnerCost: new D(row.partner_cost),
    }));
  }
}
