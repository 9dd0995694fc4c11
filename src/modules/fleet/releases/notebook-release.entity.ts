import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The partner's announcement that `etag` is the version of a notebook every room should run. */
@Entity('notebook_releases')
export class NotebookReleaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'notebook_name' }) notebookName: string;
  @Column('text') etag: string;
  @Column('timestamptz', { name: 'released_at' }) releasedAt: Date;
  @Column('timestamptz', { name: 'cutover_at' }) cutoverAt: Date;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
