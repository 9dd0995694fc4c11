import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SubscriptionOverrides } from '../domain/subscription-overrides';

/** A subscription entry as exports see it: which of the version's prices the customer overrides. */
export interface PricedEntry {
  readonly id: string;
  readonly planVersionId: string;
  readonly effectiveFrom: Date;
  /** Charge keys whose pricing the entry overrides. */
  readonly overriddenCharges: readonly string[];
  /** Whether it overrides the exposure cap (its overage price, amount or policy). */
  readonly capOverridden: boolean;
}

/** Pricing's reader of customers' plan histories, for invoicing and reports (issue 14). */
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

  /** The customer's subscription entries, oldest first, with what each overrides. */
  async pricedEntries(customerId: string): Promise<PricedEntry[]> {
    const rows: {
      id: string;
      plan_version_id: string;
      effective_from: Date;
      overrides: SubscriptionOverrides | null;
    }[] = await this.dataSource.query(
      `SELECT id, plan_version_id, effective_from, overrides FROM subscriptions
       WHERE customer_id = $1 ORDER BY effective_from, created_at`,
      [customerId],
    );
    return rows.map((row) => ({
      id: row.id,
      planVersionId: row.plan_version_id,
      effectiveFrom: new Date(row.effective_from),
      overriddenCharges: Object.keys(row.overrides?.charges ?? {}),
      capOverridden: Object.keys(row.overrides?.exposureCap ?? {}).length > 0,
    }));
  }
}
