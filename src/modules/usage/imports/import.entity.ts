import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RecordProblem } from '../ingestion/ingest-outcome';

export const IMPORT_KINDS = ['usage', 'prices', 'events'] as const;
export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

@Entity('ingest_imports')
export class ImportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: ImportKind;
  @Column('text') status: ImportStatus;
  @Column('text', { name: 'file_name', nullable: true }) fileName: string | null;
  @Column('integer') lines: number;
  @Column('integer') accepted: number;
  @Column('integer') updated: number;
  @Column('integer') duplicates: number;
  @Column('integer') conflicts: number;
  @Column('integer') quarantined: number;
  @Column('integer') rejected: number;
  @Column('integer') excluded: number;
  @Column('jsonb') problems: RecordProblem[];
  @Column('boolean', { name: 'problems_truncated' }) problemsTruncated: boolean;
  @Column('text', { nullable: true }) error: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
