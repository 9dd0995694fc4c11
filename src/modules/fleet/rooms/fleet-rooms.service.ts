import { Inject, Injectable } from '@nestjs/common';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { badRequest } from '../../../shared/errors/domain-error';
import { D } from '../../../shared/money/decimal';
import { Clock, CLOCK } from '../../../shared/time/clock';
import type { RoomStatus } from '../domain/cadence';
import type { FleetRoom } from '../domain/fleet-room';
import {
  comparePositions,
  parseSort,
  positionOf,
  sortDefinition,
  type FleetSort,
} from '../domain/fleet-sort';
import { BilledMonthToDate } from './billed-month-to-date';
import { FleetRoomPage, FleetRoomRow } from './fleet-room.dto';
import { toFleetRow } from './fleet-room.mapper';
import { FleetRoomSource } from './fleet-room.source';
import { decodeFleetCursor, encodeFleetCursor } from './fleet-rooms.cursor';
import { FleetRoomsQuery } from './fleet-rooms.query';

/**
 * The fleet view: every room the key may see with its figures, filtered and sorted in memory
 * (the figures come from one statement per concept over all rooms), then paged. The month's
 * bills are read only for the customers of the rows answered, unless the sort needs them all.
 */
@Injectable()
export class FleetRoomsService {
  constructor(
    private readonly source: FleetRoomSource,
    private readonly bills: BilledMonthToDate,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(principal: AuthPrincipal, query: FleetRoomsQuery): Promise<FleetRoomPage> {
    const now = this.clock.now();
    const sort = this.sortFor(principal, query.sort);
    const rooms = await this.sorted(principal, query, sort, now);
    const after =
      query.cursor === undefined ? null : decodeFleetCursor(query.cursor, query.sort, sort);
    const start =
      after === null
        ? 0
        : rooms.findIndex((room) => comparePositions(positionOf(room, sort), after, sort) > 0);
    const rows = start < 0 ? [] : rooms.slice(start, start + query.limit);
    await this.fillBills(rows, now);
    const more = start >= 0 && start + query.limit < rooms.length;
    const last = rows[rows.length - 1];
    return {
      data: rows.map(toFleetRow),
      nextCursor: more ? encodeFleetCursor(query.sort, positionOf(last, sort)) : null,
      asOf: now.toISOString(),
    };
  }

  /** Every row that matches, in order (the CSV): no paging. */
  async all(principal: AuthPrincipal, query: FleetRoomsQuery): Promise<FleetRoomRow[]> {
    const now = this.clock.now();
    const rooms = await this.sorted(principal, query, this.sortFor(principal, query.sort), now);
    await this.fillBills(rooms, now);
    return rooms.map(toFleetRow);
  }

  private async sorted(
    principal: AuthPrincipal,
    query: FleetRoomsQuery,
    sort: FleetSort,
    now: Date,
  ): Promise<FleetRoom[]> {
    const confined = confinedCustomer(principal);
    if (confined !== null && query.customerId !== undefined && query.customerId !== confined) {
      return [];
    }
    const owner = confined ?? query.customerId ?? null;
    const rooms = (await this.source.rooms(now, owner, confined !== null)).filter(matches(query));
    if (sortDefinition(sort).needsBilled === true) await this.fillBills(rooms, now);
    return rooms.sort((a, b) => comparePositions(positionOf(a, sort), positionOf(b, sort), sort));
  }

  private sortFor(principal: AuthPrincipal, text: string): FleetSort {
    const sort = parseSort(text);
    if (sortDefinition(sort).partnerOnly === true && confinedCustomer(principal) !== null) {
      throw badRequest('invalid_value', `A customer key cannot sort by ${sort.key}`, [
        {
          field: 'sort',
          code: 'partner_only',
          message: `${sort.key} is a partner-only figure`,
        },
      ]);
    }
    return sort;
  }

  /** Each row's part of its customer's bill for the period (read once per customer). */
  private async fillBills(rooms: readonly FleetRoom[], now: Date): Promise<void> {
    const customers = new Map<string, { id: string; billingTimeZone: string }>();
    for (const room of rooms) {
      if (room.customerId === null || room.monthToDate === null || room.monthToDate.billed)
        continue;
      customers.set(room.customerId, {
        id: room.customerId,
        billingTimeZone: room.billingTimeZone ?? 'UTC',
      });
    }
    if (customers.size === 0) return;
    const bills = await this.bills.forCustomers([...customers.values()], now);
    for (const room of rooms) {
      const mtd = room.monthToDate;
      if (room.customerId === null || mtd === null || mtd.billed) continue;
      const bill = bills.get(room.customerId);
      if (bill === undefined) continue;
      mtd.billed = {
        amount: bill.byRoom.get(room.roomId) ?? new D(0),
        from: bill.from,
        asOf: bill.asOf,
      };
    }
  }
}

function matches(query: FleetRoomsQuery): (room: FleetRoom) => boolean {
  const statuses =
    query.status === undefined ? null : new Set(query.status.split(',') as RoomStatus[]);
  const name = query.name?.toLowerCase();
  return (room) =>
    (statuses === null || statuses.has(room.status)) &&
    (query.etag === undefined || room.currentEtag === query.etag) &&
    (query.notebookName === undefined ||
      room.etags.some((seen) => seen.notebookName === query.notebookName)) &&
    (name === undefined || room.name.toLowerCase().includes(name));
}
