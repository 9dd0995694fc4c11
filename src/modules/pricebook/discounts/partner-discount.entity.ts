import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Dec } from '../../../shared/money/decimal';
import { numericTransformer } from '../../../shared/money/numeric.transformer';

/** The partner's negotiated Databricks discount, from `effectiveFrom` until the next one. */
@Entity('partner_discounts')
export class PartnerDiscountEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom: Date;
  @Column('numeric', { transformer: numericTransformer }) rate: Dec;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
