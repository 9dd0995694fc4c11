import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SubscriptionOverrides } from '../domain/subscription-overrides';

/** One entry of a customer's plan history: a plan version in effect from an instant on. */
@Entity('subscriptions')
export class SubscriptionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'plan_version_id' }) planVersionId: string;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom: Date;
  @Column('jsonb', { nullable: true }) overrides: SubscriptionOverrides | null;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
