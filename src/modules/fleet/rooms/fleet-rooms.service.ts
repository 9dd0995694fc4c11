import { Inject, Injectable } from '@nestjs/common';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { badRequest } from '../../../shared/errors/domain-error';
import { Clock, CLOCK } from '../../../shared/time/clock';
import type { RoomStatus } from '../domain/cadence';
import type { FleetRoom } from '../domain/fleet-room';
import {
  comparePositions,
  parseSort,
  positionOf,
  sortDefinition,
  type FleetSort,
  type SortPosition,
} from '../domain/fleet-sort';
import { FleetRoomPage, FleetRoomRow } from './fleet-room.dto';
import { toFleetRow } from './fleet-room.mapper';
import { FleetRoomSource } from './fleet-room.source';
import { decodeFleetCursor, encodeFleetCursor } from './fleet-rooms.cursor';
import { FleetRoomsQuery } from './fleet-rooms.query';
import { FleetSnapshot } from './fleet-snapshot';

interface Placed {
  readonly room: FleetRoom;
  readonly position: SortPosition;
}

/**
 * The fleet view: the rooms a key may see with their figures, filtered and sorted in memory, then
 * paged. The whole fleet (partner and finance keys, no customerId) is the shared snapshot of every
 * room (FleetSnapshot); one customer's rooms (a customerId, or a customer key, whose runs are read
 * from the start of its ownership) are a few rooms, read now.
 */
@Injectable()
export class FleetRoomsService {
  constructor(
    private readonly snapshot: FleetSnapshot,
    private readonly source: FleetRoomSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(principal: AuthPrincipal, query: FleetRoomsQuery): Promise<FleetRoomPage> {
    const sort = sortFor(principal, query.sort);
    const { asOf, placed } = await this.sorted(principal, query, sort);
    const after =
      query.cursor === undefined ? null : decodeFleetCursor(query.cursor, query.sort, sort);
    const start =
      after === null
        ? 0
        : placed.findIndex((entry) => comparePositions(entry.position, after, sort) > 0);
    const rows = start < 0 ? [] : placed.slice(start, start + query.limit);
    const more = start >= 0 && start + query.limit < placed.length;
    return {
      data: rows.map((entry) => toFleetRow(entry.room)),
      nextCursor: more ? encodeFleetCursor(query.sort, rows[rows.length - 1].position) : null,
      asOf: asOf.toISOString(),
    };
  }

  /** Every row that matches, in order (the CSV): no paging. */
  async all(principal: AuthPrincipal, query: FleetRoomsQuery): Promise<FleetRoomRow[]> {
    const { placed } = await this.sorted(principal, query, sortFor(principal, query.sort));
    return placed.map((entry) => toFleetRow(entry.room));
  }

  private async sorted(
    principal: AuthPrincipal,
    query: FleetRoomsQuery,
    sort: FleetSort,
  ): Promise<{ asOf: Date; placed: Placed[] }> {
    const { asOf, rooms } = await this.visible(principal, query);
    const placed = rooms
      .filter(matches(query))
      .map((room) => ({ room, position: positionOf(room, sort) }));
    placed.sort((a, b) => comparePositions(a.position, b.position, sort));
    return { asOf, placed };
  }

  private async visible(
    principal: AuthPrincipal,
    query: FleetRoomsQuery,
  ): Promise<{ asOf: Date; rooms: readonly FleetRoom[] }> {
    const confined = confinedCustomer(principal);
    if (confined === null && query.customerId === undefined) return this.snapshot.snapshot();
    const now = this.clock.now();
    if (confined !== null && query.customerId !== undefined && query.customerId !== confined) {
      return { asOf: now, rooms: [] };
    }
    const owner = confined ?? query.customerId ?? null;
    return { asOf: now, rooms: await this.source.rooms(now, owner, confined !== null) };
  }
}

function sortFor(principal: AuthPrincipal, text: string): FleetSort {
  const sort = parseSort(text);
  if (sortDefinition(sort).partnerOnly === true && confinedCustomer(principal) !== null) {
    throw badRequest('invalid_value', `A customer key cannot sort by ${sort.key}`, [
      { field: 'sort', code: 'partner_only', message: `${sort.key} is a partner-only figure` },
    ]);
  }
  return sort;
}

function matches(query: FleetRoomsQuery): (room: FleetRoom) => boolean {
  const statuses =
    query.status === undefined ? null : new Set(query.status.split(',') as RoomStatus[]);
  const name = query.name?.toLowerCase();
  return (room) =>
    (query.customerId === undefined || room.customerId === query.customerId) &&
    (statuses === null || statuses.has(room.status)) &&
    (query.etag === undefined || room.currentEtag === query.etag) &&
    (query.notebookName === undefined ||
      room.etags.some((seen) => seen.notebookName === query.notebookName)) &&
    (name === undefined || room.name.toLowerCase().includes(name));
}
