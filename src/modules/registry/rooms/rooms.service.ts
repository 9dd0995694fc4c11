import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { assertCustomerVisible } from '../../../shared/auth/customer-visibility';
import {
  FOREIGN_KEY_VIOLATION,
  sqlState,
  UNIQUE_VIOLATION,
} from '../../../shared/database/sql-state';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { badRequest, conflict, DomainError, notFound } from '../../../shared/errors/domain-error';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CleanRoomEntity } from './clean-room.entity';
import { Ownership, ownershipSpans, OwnershipSpan } from './domain/ownership-timeline';
import { RoomFields, RoomsRepository } from './rooms.repository';

/** When no start is given, the first owner owns the room's whole past. */
export const SINCE_ALWAYS = new Date('1970-01-01T00:00:00.000Z');

export interface NewRoom extends RoomFields {
  readonly customerId: string;
  readonly ownerSince?: Date;
}

export interface RoomView {
  readonly room: CleanRoomEntity;
  /** The owner now, or null when the first ownership has not started yet. */
  readonly customerId: string | null;
}

/**
 * The room as a customer key may see it: its last run only if it ran while the customer owned
 * it (an earlier run was another owner's).
 */
function confinedView(room: CleanRoomEntity, ownership: Ownership | undefined): RoomView {
  const ranBefore =
    ownership === undefined ||
    (room.lastRunAt !== null && room.lastRunAt < ownership.effectiveFrom);
  return {
    room: ranBefore ? { ...room, lastRunAt: null } : room,
    customerId: ownership?.customerId ?? null,
  };
}

@Injectable()
export class RoomsService {
  constructor(
    private readonly repository: RoomsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  async create(input: NewRoom): Promise<RoomView> {
    const { customerId, ownerSince, ...room } = input;
    await this.repository
      .insertWithOwner(room, { customerId, effectiveFrom: ownerSince ?? SINCE_ALWAYS })
      .catch((error: unknown) =>
        rethrowRegistryError(error, customerId, `Room ${room.id} is already registered`),
      );
    await this.changed({ kind: 'room_registered', roomId: room.id });
    return this.viewOrThrow(room.id);
  }

  async findVisibleOrThrow(principal: AuthPrincipal, id: string): Promise<RoomView> {
    const room = await this.repository.findById(id);
    if (!room) throw notFound('Room', id);
    const ownership = (await this.repository.ownershipsAt([id], this.clock.now())).get(id);
    assertCustomerVisible(principal, ownership?.customerId ?? null, 'Room', id);
    return confinedCustomer(principal) === null
      ? { room, customerId: ownership?.customerId ?? null }
      : confinedView(room, ownership);
  }

  async list(
    principal: AuthPrincipal,
    filter: { customerId?: string; nameContains?: string },
    page: PageRequest,
  ) {
    const confined = confinedCustomer(principal);
    if (confined !== null && filter.customerId !== undefined && filter.customerId !== confined) {
      return { items: [], nextCursor: null };
    }
    const at = this.clock.now();
    const rooms: Page<CleanRoomEntity> = await this.repository.page(
      { ownerId: confined ?? filter.customerId, nameContains: filter.nameContains, at },
      page,
    );
    const owners = await this.repository.ownershipsAt(
      rooms.items.map((r) => r.id),
      at,
    );
    return {
      items: rooms.items.map((room): RoomView =>
        confined === null
          ? { room, customerId: owners.get(room.id)?.customerId ?? null }
          : confinedView(room, owners.get(room.id)),
      ),
      nextCursor: rooms.nextCursor,
    };
  }

  async update(id: string, fields: Partial<Omit<RoomFields, 'id'>>): Promise<RoomView> {
    if (!(await this.repository.update(id, fields, this.clock.now()))) throw notFound('Room', id);
    return this.viewOrThrow(id);
  }

  /** Hands the room over from `effectiveFrom` on; earlier usage stays with earlier owners. */
  async transfer(id: string, owner: Ownership): Promise<OwnershipSpan[]> {
    await this.viewOrThrow(id);
    if ((await this.repository.ownerAt(id, owner.effectiveFrom)) === owner.customerId) {
      throw conflict(
        'already_owner',
        `Customer ${owner.customerId} already owns room ${id} at that time`,
      );
    }
    await this.repository
      .insertOwnership(id, owner)
      .catch((error: unknown) =>
        rethrowRegistryError(
          error,
          owner.customerId,
          'An ownership of this room already starts at that instant',
        ),
      );
    // Usage from the handover on moves to the new owner (and its rollups with it).
    await this.changed({ kind: 'room_transferred', roomId: id, from: owner.effectiveFrom });
    return ownershipSpans(await this.repository.ownershipsOf(id));
  }

  /** A customer key sees its own spans only: never who owned the room before or after it. */
  async ownershipHistory(principal: AuthPrincipal, id: string): Promise<OwnershipSpan[]> {
    await this.findVisibleOrThrow(principal, id);
    const spans = ownershipSpans(await this.repository.ownershipsOf(id));
    const confined = confinedCustomer(principal);
    return confined === null ? spans : spans.filter((span) => span.customerId === confined);
  }

  /** Who owned room `id` at `at`: the lookup attribution is built on. */
  async ownerAtOrThrow(principal: AuthPrincipal, id: string, at: Date): Promise<string> {
    await this.findVisibleOrThrow(principal, id);
    const owner = await this.repository.ownerAt(id, at);
    const confined = confinedCustomer(principal);
    // Another customer's time in the room answers as no time at all, and says nothing of it.
    if (owner === null || (confined !== null && owner !== confined)) {
      const whose = confined === null ? 'had no owner' : 'was not your customer’s';
      throw new DomainError('no_owner', `Room ${id} ${whose} at ${at.toISOString()}`);
    }
    return owner;
  }

  private async changed(change: AttributionInputsChanged): Promise<void> {
    await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
  }

  private async viewOrThrow(id: string): Promise<RoomView> {
    const room = await this.repository.findById(id);
    if (!room) throw notFound('Room', id);
    return { room, customerId: await this.repository.ownerAt(id, this.clock.now()) };
  }
}

function rethrowRegistryError(error: unknown, customerId: string, duplicateDetail: string): never {
  const state = sqlState(error);
  if (state === UNIQUE_VIOLATION) throw conflict('already_exists', duplicateDetail);
  if (state === FOREIGN_KEY_VIOLATION) {
    throw badRequest('unknown_customer', `Customer ${customerId} does not exist`, [
      { field: 'customerId', code: 'unknown_customer', message: 'customerId names no customer' },
    ]);
  }
  throw error;
}
