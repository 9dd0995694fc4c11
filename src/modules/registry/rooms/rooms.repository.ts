import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { containsPattern } from '../../../shared/database/escape-like';
import { keysetPage, Page, PageRequest } from '../../../shared/database/keyset-page';
import { CleanRoomEntity } from './clean-room.entity';
import { Ownership } from './domain/ownership-timeline';
import { RoomOwnershipEntity } from './room-ownership.entity';

export type RoomFields = Pick<CleanRoomEntity, 'id' | 'name' | 'expectedRunIntervalHours'>;

export interface RoomFilter {
  /** Rooms owned by this customer at `at`. */
  readonly ownerId?: string;
  readonly nameContains?: string;
  readonly at: Date;
}

/** The owner of room `r` at :at — one index seek on (room_id, effective_from). */
const OWNER_AT_SQL = `(SELECT o.customer_id FROM room_ownerships o
  WHERE o.room_id = r.id AND o.effective_from <= :at ORDER BY o.effective_from DESC LIMIT 1)`;

@Injectable()
export class RoomsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CleanRoomEntity) private readonly rooms: Repository<CleanRoomEntity>,
    @InjectRepository(RoomOwnershipEntity)
    private readonly ownerships: Repository<RoomOwnershipEntity>,
  ) {}

  /** The room and its first ownership, together or not at all. */
  async insertWithOwner(room: RoomFields, owner: Ownership): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(CleanRoomEntity, room);
      await tx.insert(RoomOwnershipEntity, { roomId: room.id, ...owner });
    });
  }

  findById(id: string): Promise<CleanRoomEntity | null> {
    return this.rooms.findOneBy({ id });
  }

  async update(id: string, fields: Partial<Omit<RoomFields, 'id'>>, at: Date): Promise<boolean> {
    return ((await this.rooms.update({ id }, { ...fields, updatedAt: at })).affected ?? 0) > 0;
  }

  async ownershipsOf(roomId: string): Promise<Ownership[]> {
    return this.ownerships.find({ where: { roomId }, order: { effectiveFrom: 'ASC' } });
  }

  async insertOwnership(roomId: string, owner: Ownership): Promise<void> {
    await this.ownerships.insert({ roomId, ...owner });
  }

  async ownerAt(roomId: string, at: Date): Promise<string | null> {
    const rows: { customer_id: string }[] = await this.dataSource.query(
      `SELECT customer_id FROM room_ownerships
       WHERE room_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1`,
      [roomId, at],
    );
    return rows[0]?.customer_id ?? null;
  }

  /** The ownership in effect at `at` of each room that has one. */
  async ownershipsAt(roomIds: readonly string[], at: Date): Promise<Map<string, Ownership>> {
    if (roomIds.length === 0) return new Map();
    const rows: { room_id: string; customer_id: string; effective_from: Date }[] =
      await this.dataSource.query(
        `SELECT DISTINCT ON (room_id) room_id, customer_id, effective_from FROM room_ownerships
         WHERE room_id = ANY($1) AND effective_from <= $2 ORDER BY room_id, effective_from DESC`,
        [roomIds, at],
      );
    return new Map(
      rows.map((row) => [
        row.room_id,
        { customerId: row.customer_id, effectiveFrom: new Date(row.effective_from) },
      ]),
    );
  }

  page(filter: RoomFilter, request: PageRequest): Promise<Page<CleanRoomEntity>> {
    const query = this.rooms.createQueryBuilder('r');
    if (filter.ownerId !== undefined) {
      query.andWhere(`${OWNER_AT_SQL} = :ownerId`, { at: filter.at, ownerId: filter.ownerId });
    }
    if (filter.nameContains !== undefined) {
      query.andWhere(`r.name ILIKE :name ESCAPE '\\'`, {
        name: containsPattern(filter.nameContains),
      });
    }
    return keysetPage(query, 'r', request);
  }
}
