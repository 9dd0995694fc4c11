import { D, type Dec } from '../../../shared/money/decimal';
import type {
  RoomPeriodUsage,
  UsageQuantities,
} from '../../usage/queries/room-period-usage.reader';
import type { ChargeBasis } from './charge-basis';

/** A segment's (or one room's) usage by basis, as usage's period reader gives it. */
export type { UsageQuantities };

export type RoomUsage = RoomPeriodUsage;

/**
 * What one segment is rated on: totals by basis (which rate the charges) and, when known, the
 * rooms they come from (which each line names). A quote gives totals only.
 */
export interface SegmentUsage {
  readonly totals: UsageQuantities;
  /** Rooms active in the segment (with usage); the `room` basis counts them. */
  readonly activeRooms: number;
  readonly rooms: readonly RoomUsage[];
}

export const NO_USAGE: UsageQuantities = {
  partnerDbu: new D(0),
  partnerCost: new D(0),
  partnerListCost: new D(0),
  customerDbu: new D(0),
  customerListCost: new D(0),
  partnerRuns: new D(0),
};

/** Totals of rooms' usage: what a segment's totals are when its rooms are all known. */
export function sumUsage(rooms: readonly UsageQuantities[]): UsageQuantities {
  const total = (pick: (u: UsageQuantities) => Dec) =>
    rooms.reduce((sum, room) => sum.plus(pick(room)), new D(0));
  return {
    partnerDbu: total((u) => u.partnerDbu),
    partnerCost: total((u) => u.partnerCost),
    partnerListCost: total((u) => u.partnerListCost),
    customerDbu: total((u) => u.customerDbu),
    customerListCost: total((u) => u.customerListCost),
    partnerRuns: total((u) => u.partnerRuns),
  };
}

/** The units a charge on `basis` counts in a segment (usage bases ignore the room count). */
export function unitsOf(basis: ChargeBasis, usage: UsageQuantities, activeRooms: number): Dec {
  switch (basis) {
    case 'subscription':
      return new D(1);
    case 'room':
      return new D(activeRooms);
    case 'partner_dbu':
      return usage.partnerDbu;
    case 'customer_dbu':
      return usage.customerDbu;
    case 'partner_cost':
      return usage.partnerCost;
    case 'partner_list_cost':
      return usage.partnerListCost;
    case 'partner_run':
      return usage.partnerRuns;
    default: {
      const unhandled: never = basis;
      throw new Error(`Unhandled charge basis ${String(unhandled)}`);
    }
  }
}
