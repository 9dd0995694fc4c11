import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a payment push needs of the customer. */
export interface StripeCustomerLink {
  readonly name: string;
  readonly stripeCustomerId: string | null;
}

/** Registry's reader and recorder of a customer's Stripe customer, for payments (issue 14). */
@Injectable()
export class StripeCustomerLinks {
  async find(manager: EntityManager, customerId: string): Promise<StripeCustomerLink | null> {
    const [row]: { name: string; stripe_customer_id: string | null }[] = await manager.query(
      'SELECT name, stripe_customer_id FROM customers WHERE id = $1',
      [customerId],
    );
    return row ? { name: row.name, stripeCustomerId: row.stripe_customer_id } : null;
  }

  /** Links the customer to its Stripe customer, unless it already has one. */
  async record(
    manager: EntityManager,
    customerId: string,
    stripeCustomerId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE customers SET stripe_customer_id = $2 WHERE id = $1 AND stripe_customer_id IS NULL`,
      [customerId, stripeCustomerId],
    );
  }
}
