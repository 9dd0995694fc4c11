import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PricingModel } from '../domain/plan-version-terms';

@Entity('plans')
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') model: PricingModel;
  @Column('char', { length: 3 }) currency: string;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
