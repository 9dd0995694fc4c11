import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A customer as billing sees it: the time zone its periods are cut in. */
export interface CustomerBillingZone {
  readonly id: string;
  readonly billingTimeZone: string;
}

/** Registry's reader of the time zones customers are billed in, for invoicing (issue 14). */
@Injectable()
export class CustomerBillingZones {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every customer, by id. */
  async all(): Promise<CustomerBillingZone[]> {
    const rows: { id: string; billing_time_zone: string }[] = await this.dataSource.query(
      `SELECT id, billing_time_zone FROM customers ORDER BY id`,
    );
    return rows.map((row) => ({ id: row.id, billingTimeZone: row.billing_time_zone }));
  }

  /** The customer's zone, read in the caller's transaction; null for an unknown customer. */
  async of(
    customerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const [row]: { billing_time_zone: string }[] = await manager.query(
      `SELECT billing_time_zone FROM customers WHERE id = $1`,
      [customerId],
    );
    return row?.billing_time_zone ?? null;
  }
}
