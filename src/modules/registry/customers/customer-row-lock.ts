import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Registry's lock on one customer's row, for other modules' transactions (issue 14). */
@Injectable()
export class CustomerRowLock {
  /**
   * Locks the customer's row in `manager`'s transaction; false when there is no such customer.
   * FOR NO KEY UPDATE leaves rows that refer to the customer (an invoice being issued) free to be
   * inserted meanwhile.
   */
  async lock(manager: EntityManager, customerId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT id FROM customers WHERE id = $1 FOR NO KEY UPDATE',
      [customerId],
    );
    return rows.length > 0;
  }
}
