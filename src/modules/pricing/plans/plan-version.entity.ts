import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanVersionTerms } from '../domain/plan-version-terms';

/** Immutable once written (a database trigger refuses updates). */
@Entity('plan_versions')
export class PlanVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'plan_id' }) planId: string;
  @Column('integer') version: number;
  @Column('jsonb') terms: PlanVersionTerms;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
