import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CustomerRowLock } from '../../registry/customers/customer-row-lock';
import type { PlanVersionTerms } from '../domain/plan-version-terms';
import type { SubscriptionOverrides } from '../domain/subscription-overrides';
import { SubscriptionEntity } from './subscription.entity';

/** A subscription entry with the plan version it points to. */
export interface SubscriptionEntry {
  readonly id: string;
  readonly customerId: string;
  readonly planId: string;
  readonly planVersionId: string;
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly overrides: SubscriptionOverrides | null;
  readonly terms: PlanVersionTerms;
  readonly createdAt: Date;
}

interface EntryRow {
  id: string;
  customer_id: string;
  plan_id: string;
  plan_version_id: string;
  version: number;
  effective_from: Date;
  overrides: SubscriptionOverrides | null;
  terms: PlanVersionTerms;
  created_at: Date;
}

const ENTRIES = `
  SELECT s.id, s.customer_id, v.plan_id, s.plan_version_id, v.version, s.effective_from, s.overrides,
         v.terms, s.created_at
  FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id`;

@Injectable()
export class SubscriptionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customerRowLock: CustomerRowLock,
  ) {}

  /**
   * Runs `work` with the customer's row locked, so two changes to one customer's plan history
   * are made one after the other. Resolves to null when the customer does not exist. `first`
   * runs in the same transaction before the row is locked: locks it takes (the invoicing lock)
   * are then always taken before the row's, in the order every other path takes them.
   * FOR NO KEY UPDATE leaves rows that refer to the customer (an invoice being issued) free to be
   * inserted meanwhile.
   */
  withCustomerLocked<T>(
    customerId: string,
    work: (manager: EntityManager) => Promise<T>,
    first?: (manager: EntityManager) => Promise<void>,
  ): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      await first?.(manager);
      const exists = await this.customerRowLock.lock(manager, customerId);
      return exists ? work(manager) : null;
    });
  }

  /** The customer's entries starting before `before` (all of them without it), oldest first. */
  async history(
    customerId: string,
    before?: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubscriptionEntry[]> {
    const rows: EntryRow[] = await manager.query(
      `${ENTRIES} WHERE s.customer_id = $1 AND ($2::timestamptz IS NULL OR s.effective_from < $2)
       ORDER BY s.effective_from`,
      [customerId, before ?? null],
    );
    return rows.map(toEntry);
  }

  /** Each customer's entries starting before `before`, oldest first; one statement for all. */
  async histories(
    customerIds: readonly string[],
    before: Date,
  ): Promise<Map<string, SubscriptionEntry[]>> {
    const byCustomer = new Map<string, SubscriptionEntry[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows: EntryRow[] = await this.dataSource.query(
      `${ENTRIES} WHERE s.customer_id = ANY($1::uuid[]) AND s.effective_from < $2
       ORDER BY s.customer_id, s.effective_from`,
      [customerIds, before],
    );
    for (const row of rows) {
      const entries = byCustomer.get(row.customer_id) ?? [];
      entries.push(toEntry(row));
      byCustomer.set(row.customer_id, entries);
    }
    return byCustomer;
  }

  async insert(
    manager: EntityManager,
    fields: Pick<
      SubscriptionEntity,
      'customerId' | 'planVersionId' | 'effectiveFrom' | 'overrides'
    >,
  ): Promise<SubscriptionEntry> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO subscriptions (customer_id, plan_version_id, effective_from, overrides)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        fields.customerId,
        fields.planVersionId,
        fields.effectiveFrom,
        fields.overrides === null ? null : JSON.stringify(fields.overrides),
      ],
    );
    const rows: EntryRow[] = await manager.query(`${ENTRIES} WHERE s.id = $1`, [id]);
    return toEntry(rows[0]);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM subscriptions WHERE id = $1', [id]);
  }
}

function toEntry(row: EntryRow): SubscriptionEntry {
  return {
    id: row.id,
    customerId: row.customer_id,
    planId: row.plan_id,
    planVersionId: row.plan_version_id,
    version: row.version,
    effectiveFrom: new Date(row.effective_from),
    overrides: row.overrides,
    terms: row.terms,
    createdAt: new Date(row.created_at),
  };
}
