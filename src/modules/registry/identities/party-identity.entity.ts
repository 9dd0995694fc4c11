import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const IDENTITY_KINDS = ['account', 'sharing_identifier', 'principal'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export const PARTIES = ['partner', 'customer'] as const;
export type Party = (typeof PARTIES)[number];

/**
 * A Databricks identity of one party: a billed account id, a sharing identifier
 * (`cloud:region:uuid` metastore id, as on clean-room events) or a principal (user or service
 * principal, as in `identity_metadata.run_as`). Attribution ties usage to a party through these.
 */
@Entity('party_identities')
export class PartyIdentityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: IdentityKind;
  @Column('text') value: string;
  @Column('text') party: Party;
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
