import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';

/** Partner-triggered DBU and their partner cost. */
export interface PartnerUsage {
  readonly dbu: Dec;
  readonly cost: Dec;
}

export interface Exposure {
  readonly customer: PartnerUsage;
  /** The part of it one room accounts for, when asked. */
  readonly room: PartnerUsage | null;
}

/**
 * Partner-triggered DBU and partner cost of a customer over [from, to): an index-only range
 * scan of the rollups' key index (customer, hour, …, with the amounts included), so a run scheduler can ask before every run.
 */
const EXPOSURE = `
SELECT coalesce(sum(dbu), 0) AS dbu, coalesce(sum(partner_cost), 0) AS cost,
       coalesce(sum(dbu) FILTER (WHERE room_id = $4), 0) AS room_dbu,
       coalesce(sum(partner_cost) FILTER (WHERE room_id = $4), 0) AS room_cost
FROM usage_hourly
WHERE customer_id = $1 AND trigger = 'partner' AND hour >= $2 AND hour < $3`;

@Injectable()
export class PartnerExposureReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exposure(
    customerId: string,
    from: Date,
    to: Date,
    roomId: string | null,
  ): Promise<Exposure> {
    const [row]: { dbu: string; cost: string; room_dbu: string; room_cost: string }[] =
      await this.dataSource.query(EXPOSURE, [customerId, from, to, roomId]);
    return {
      customer: { dbu: new D(row.dbu), cost: new D(row.cost) },
      room: roomId === null ? null : { dbu: new D(row.room_dbu), cost: new D(row.room_cost) },
    };
  }
}
