import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('room_ownerships')
export class RoomOwnershipEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'room_id' }) roomId: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom: Date;
}
