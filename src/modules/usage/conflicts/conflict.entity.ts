import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('ingest_conflicts')
export class ConflictEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') source: 'usage' | 'price' | 'event';
  @Column('text') key: string;
  @Column('text', { name: 'existing_hash' }) existingHash: string;
  @Column('text', { name: 'incoming_hash' }) incomingHash: string;
  @Column('jsonb') incoming: object;
  @Column('uuid', { name: 'import_id', nullable: true }) importId: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
