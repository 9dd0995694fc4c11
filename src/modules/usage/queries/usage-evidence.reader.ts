import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type Trigger = 'partner' | 'customer';

export interface EvidenceRecord {
  readonly recordId: string;
  readonly recordType: string;
  readonly usageStartTime: Date;
  readonly usageEndTime: Date;
  readonly skuName: string;
  readonly accountId: string | null;
  readonly dbu: string;
  readonly listCost: string;
  readonly partnerCost: string;
}

export interface EvidenceHour {
  readonly hour: Date;
  readonly dbu: string;
  readonly listCost: string;
  readonly partnerCost: string;
}

/**
 * The attributed usage behind an invoice line, for one room of one customer: records by usage
 * start (the hour that holds it lies in [from, to), as in rating) and the same usage per hour.
 */
@Injectable()
export class UsageEvidenceReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async records(
    customerId: string,
    roomId: string,
    from: Date,
    to: Date,
    trigger: Trigger | null,
  ): Promise<EvidenceRecord[]> {
    const rows: {
      record_id: string;
      record_type: string;
      usage_start_time: Date;
      usage_end_time: Date;
      sku_name: string;
      account_id: string | null;
      dbu: string;
      list_cost: string;
      partner_cost: string;
    }[] = await this.dataSource.query(
      `SELECT record_id, record_type, usage_start_time, usage_end_time, sku_name, account_id,
              usage_quantity::text AS dbu, list_cost::text AS list_cost, partner_cost::text AS partner_cost
       FROM usage_records
       WHERE room_id = $1 AND customer_id = $2 AND status = 'attributed'
         AND usage_start_time >= $3 AND usage_start_time < $4 AND ($5::text IS NULL OR trigger = $5)
       ORDER BY usage_start_time, record_id, record_type`,
      [roomId, customerId, ceilHour(from), ceilHour(to), trigger],
    );
    return rows.map((row) => ({
      recordId: row.record_id,
      recordType: row.record_type,
      usageStartTime: new Date(row.usage_start_time),
      usageEndTime: new Date(row.usage_end_time),
      skuName: row.sku_name,
      accountId: row.account_id,
      dbu: row.dbu,
      listCost: row.list_cost,
      partnerCost: row.partner_cost,
    }));
  }

  async hours(
    customerId: string,
    roomId: string,
    from: Date,
    to: Date,
    trigger: Trigger | null,
  ): Promise<EvidenceHour[]> {
    const rows: { hour: Date; dbu: string; list_cost: string; partner_cost: string }[] =
      await this.dataSource.query(
        `SELECT hour, sum(dbu)::text AS dbu, sum(list_cost)::text AS list_cost, sum(partner_cost)::text AS partner_cost
       FROM usage_hourly
       WHERE customer_id = $1 AND room_id = $2 AND hour >= $3 AND hour < $4 AND ($5::text IS NULL OR trigger = $5)
       GROUP BY hour
       -- A room handed over leaves its old owner's rollup rows at zero: those hours are not its.
       HAVING sum(dbu) <> 0 OR sum(list_cost) <> 0 OR sum(partner_cost) <> 0
       ORDER BY hour`,
        [customerId, roomId, from, to, trigger],
      );
    return rows.map((row) => ({
      hour: new Date(row.hour),
      dbu: row.dbu,
      listCost: row.list_cost,
      partnerCost: row.partner_cost,
    }));
  }
}

/** The first whole hour at or after `instant`: an hour starting there or later lies in the range. */
function ceilHour(instant: Date): Date {
  const hour = 3_600_000;
  return new Date(Math.ceil(instant.getTime() / hour) * hour);
}
