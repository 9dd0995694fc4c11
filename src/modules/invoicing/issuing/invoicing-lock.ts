import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The per-customer invoicing lock. Whatever issues a customer's documents, or changes what they
 * are computed from, takes it first in its transaction.
 */
@Injectable()
export class InvoicingLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises every draft insert, finalization and credit note of one customer, across
   * replicas: corrections of a customer's earlier periods must be issued once.
   */
  async lockCustomer(manager: EntityManager, customerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(727005, hashtext($1))`, [customerId]);
  }

  /** `work` in a transaction that holds the customer's lock from its first statement. */
  underCustomerLock<T>(
    customerId: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCustomer(manager, customerId);
      return work(manager);
    });
  }
}
