import { Injectable } from '@nestjs/common';
import { D, type Dec } from '../../../shared/money/decimal';
import { capUsePercent } from '../../pricing/budgets/cap-now';
import { CapsNowReader } from '../../pricing/budgets/caps-now.reader';
import { RoomsNowReader, type RoomNow } from '../../registry/rooms/rooms-now.reader';
import {
  PeriodRoomTotalsReader,
  type RoomTotals,
} from '../../usage/queries/period-room-totals.reader';
import { RoomEtagsReader } from '../../usage/queries/room-etags.reader';
import { RoomRunStatsReader } from '../../usage/queries/room-run-stats.reader';
import { CADENCE_STARTS, CADENCE_WINDOW_DAYS } from '../domain/cadence';
import type { FleetRoom } from '../domain/fleet-room';
import { assembleFleetRoom } from './fleet-room.assembly';

const DAY_MS = 86_400_000;
const COUNT_DAYS = 7;

/**
 * Every room of the fleet (or of one owner) with its figures, from one set-based statement per
 * concept over all the rooms: rooms and owners (registry), run statistics and etags seen (usage),
 * caps in effect (pricing), month-to-date usage and exposure (usage). Bills come separately
 * (BilledMonthToDate), only for the rows that need them.
 */
@Injectable()
export class FleetRoomSource {
  constructor(
    private readonly registry: RoomsNowReader,
    private readonly runStats: RoomRunStatsReader,
    private readonly etags: RoomEtagsReader,
    private readonly totals: PeriodRoomTotalsReader,
    private readonly caps: CapsNowReader,
  ) {}

  /**
   * `confined`: a customer key's customer; its rooms' runs are then read from its ownership's
   * start only (a room's time with another owner is not its to see).
   */
  async rooms(now: Date, ownerId: string | null, confined: boolean): Promise<FleetRoom[]> {
    const rooms = await this.registry.rooms(now, ownerId);
    const windows = rooms.map((room) => ({
      roomId: room.roomId,
      since: confined ? (room.owner?.since ?? now) : null,
    }));
    const owners = ownersOf(rooms);
    const [stats, etags, caps] = await Promise.all([
      this.runStats.stats(windows, {
        now,
        countFrom: new Date(now.getTime() - COUNT_DAYS * DAY_MS),
        startsFrom: new Date(now.getTime() - CADENCE_WINDOW_DAYS * DAY_MS),
        startsLimit: CADENCE_STARTS,
      }),
      this.etags.etagsSeen(windows, now),
      this.caps.capsAt(owners, now),
    ]);
    const totals = await this.totals.totals(
      owners.flatMap((owner) => {
        const cap = caps.get(owner.id);
        if (cap === undefined) return [];
        const { period } = cap;
        return [
          {
            customerId: owner.id,
            currency: owner.currency,
            from: period.start,
            to: period.end,
            exposure: cap.segment,
          },
        ];
      }),
    );
    const byRoom = new Map(totals.map((row) => [`${row.customerId} ${row.roomId}`, row]));
    const exposures = exposureByCustomer(totals);
    return rooms.map((room) => {
      const owner = room.owner;
      const cap = owner === null ? undefined : caps.get(owner.customerId);
      const exposure = owner === null ? undefined : exposures.get(owner.customerId);
      return assembleFleetRoom({
        now,
        room,
        stats: stats.get(room.roomId),
        etags: etags.get(room.roomId) ?? [],
        period: cap?.period.key ?? null,
        totals: owner === null ? undefined : byRoom.get(`${owner.customerId} ${room.roomId}`),
        capUse:
          cap?.cap == null
            ? null
            : {
                measure: cap.cap.measure,
                percent: capUsePercent(cap.cap, exposure ?? { dbu: new D(0), cost: new D(0) }),
              },
      });
    });
  }
}

function ownersOf(
  rooms: readonly RoomNow[],
): { id: string; billingTimeZone: string; currency: string }[] {
  const owners = new Map<string, { id: string; billingTimeZone: string; currency: string }>();
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

/** A customer's exposure is over all its rows, rooms it no longer owns included. */
function exposureByCustomer(totals: readonly RoomTotals[]): Map<string, { dbu: Dec; cost: Dec }> {
  const byCustomer = new Map<string, { dbu: Dec; cost: Dec }>();
  for (const row of totals) {
    const sum = byCustomer.get(row.customerId) ?? { dbu: new D(0), cost: new D(0) };
    byCustomer.set(row.customerId, {
      dbu: sum.dbu.plus(row.exposureDbu),
      cost: sum.cost.plus(row.exposureCost),
    });
  }
  return byCustomer;
}
