import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A customer as a close sees it: the time zone its periods are cut in. */
export interface BillableCustomer {
  readonly id: string;
  readonly billingTimeZone: string;
}

/** The customers a close walks through, with whether they have ever had a plan. */
@Injectable()
export class BillableCustomersReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every customer, with the time zone its periods are cut in and whether a plan started before `before`. */
  async allCustomers(before: Date): Promise<(BillableCustomer & { hasPlan: boolean })[]> {
    const rows: { id: string; billing_time_zone: string; has_plan: boolean }[] =
      await this.dataSource.query(
        `SELECT c.id, c.billing_time_zone,
                EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer_id = c.id AND s.effective_from < $1) AS has_plan
         FROM customers c ORDER BY c.id`,
        [before],
      );
    return rows.map((row) => ({
      id: row.id,
      billingTimeZone: row.billing_time_zone,
      hasPlan: row.has_plan,
    }));
  }
}
