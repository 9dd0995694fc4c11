import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Pricing's reader of customers' plan histories, for invoicing (issue 14). */
@Injectable()
export class PlanHistoryQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customers with a plan in effect from some instant before `before`. */
  async customersWithPlanBefore(before: Date): Promise<Set<string>> {
    const rows: { customer_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT customer_id FROM subscriptions WHERE effective_from < $1`,
      [before],
    );
    return new Set(rows.map((row) => row.customer_id));
  }

  /**
   * A fingerprint of the customer's plan history: its entries' ids (a plan replaced at the same
   * instant is a new entry), whatever the clocks of the replicas say. Empty without a plan.
   */
  async fingerprint(
    customerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const [row]: { plans: string }[] = await manager.query(
      `SELECT coalesce(md5(string_agg(id::text, ',' ORDER BY id)), '') AS plans
       FROM subscriptions WHERE customer_id = $1`,
      [customerId],
    );
    return row.plans;
  }
}
