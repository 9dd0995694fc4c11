import { Injectable } from '@nestjs/common';
import { RoomsNowReader, type RoomNow } from '../../registry/rooms/rooms-now.reader';
import { RoomEtagsReader } from '../../usage/queries/room-etags.reader';
import { RoomRunStatsReader } from '../../usage/queries/room-run-stats.reader';
import { CADENCE_STARTS, CADENCE_WINDOW_DAYS } from '../domain/cadence';
import type { FleetRoom } from '../domain/fleet-room';
import { CustomerMonthCache } from './customer-month.cache';
import type { MonthCustomer } from './customer-month.source';
import { assembleFleetRoom } from './fleet-room.assembly';

const DAY_MS = 86_400_000;
const COUNT_DAYS = 7;

/**
 * Every room of the fleet (or of one owner) with its figures, from one set-based statement per
 * concept over all the rooms: rooms and owners (registry), run statistics and etags seen (usage),
 * and the owners' months to date (CustomerMonthCache: usage, bill and cap use per customer).
 */
@Injectable()
export class FleetRoomSource {
  constructor(
    private readonly registry: RoomsNowReader,
    private readonly runStats: RoomRunStatsReader,
    private readonly etags: RoomEtagsReader,
    private readonly months: CustomerMonthCache,
  ) {}

  /**
   * `confined`: for a customer key; its rooms' runs are then read from its ownership's start only
   * (a room's time with another owner is not its to see).
   */
  async rooms(now: Date, ownerId: string | null, confined: boolean): Promise<FleetRoom[]> {
    const rooms = await this.registry.rooms(now, ownerId);
    const windows = rooms.map((room) => ({
      roomId: room.roomId,
      since: confined ? (room.owner?.since ?? now) : null,
    }));
    const [stats, etags, months] = await Promise.all([
      this.runStats.stats(windows, {
        now,
        countFrom: new Date(now.getTime() - COUNT_DAYS * DAY_MS),
        startsFrom: new Date(now.getTime() - CADENCE_WINDOW_DAYS * DAY_MS),
        startsLimit: CADENCE_STARTS,
      }),
      this.etags.etagsSeen(windows, now),
      this.months.months(ownersOf(rooms), now),
    ]);
    return rooms.map((room) =>
      assembleFleetRoom({
        now,
        room,
        stats: stats.get(room.roomId),
        etags: etags.get(room.roomId) ?? [],
        month: room.owner === null ? undefined : months.get(room.owner.customerId),
      }),
    );
  }
}

function ownersOf(rooms: readonly RoomNow[]): MonthCustomer[] {
  const owners = new Map<string, MonthCustomer>();
  for (const { owner } of rooms) {
    if (owner === null || owners.has(owner.customerId)) continue;
    owners.set(owner.customerId, {
      id: owner.customerId,
      billingTimeZone: owner.billingTimeZone,
      currency: owner.currency,
    });
  }
  return [...owners.values()];
}
