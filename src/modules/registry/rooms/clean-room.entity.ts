import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A clean room, keyed by Databricks' central_clean_room_id (the same for every collaborator). */
@Entity('clean_rooms')
export class CleanRoomEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('text', { name: 'notebook_etag', nullable: true }) notebookEtag: string | null;
  @Column('timestamptz', { name: 'last_run_at', nullable: true }) lastRunAt: Date | null;
  @Column('integer', { name: 'expected_run_interval_hours', nullable: true })
  expectedRunIntervalHours: number | null;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', insert: false }) updatedAt: Date;
}
