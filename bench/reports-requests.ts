import { seededRandom } from '../src/demo/seeded-random';
import type { Target } from './http-load';
import type { ReportsWorld, WorldCustomer, WorldRoom } from './reports-world';

/**
 * Where a one-room-month report's billed money comes from: `invoice` (the month's invoice is
 * issued), `estimate` (the month rated on the fly; the customer has no invoices), `estimate+history`
 * (the last month of a customer with invoices: its draft rates each earlier invoiced period again
 * for corrections, one rating per month).
 */
export type BilledPath = 'invoice' | 'estimate' | 'estimate+history';

export interface RoomMonth {
  readonly room: WorldRoom;
  readonly customer: WorldCustomer;
  readonly month: string;
  readonly monthIndex: number;
  readonly path: BilledPath;
}

/** Random room-months (seeded), each with its owner in that month and its billed path. */
export function roomMonths(world: ReportsWorld, seed: number): () => RoomMonth {
  const random = seededRandom(world.seed, 'requests', String(seed));
  const last = world.months.length - 1;
  return () => {
    const room = world.rooms[Math.floor(random() * world.rooms.length)];
    const monthIndex = Math.floor(random() * world.months.length);
    const month = world.months[monthIndex];
    const owner =
      room.handover !== null && room.handover.at <= new Date(`${month}-01T00:00:00Z`)
        ? room.handover.to
        : room.owner;
    const customer = world.customers[owner];
    const path: BilledPath = !customer.invoiced
      ? 'estimate'
      : monthIndex === last
        ? 'estimate+history'
        : 'invoice';
    return { room, customer, month, monthIndex, path };
  };
}

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
}

/** The one-room-month cost report, grouped by `groupBy`, first page of up to 200 rows. */
export function costReport(pick: () => RoomMonth, groupBy: string): () => Target {
  return () => {
    const r = pick();
    const query = new URLSearchParams({
      from: `${r.month}-01`,
      to: `${nextMonth(r.month)}-01`,
      groupBy,
      customerId: r.customer.id,
      roomId: r.room.id,
      limit: '200',
    });
    return { path: `/v1/reports/costs?${query.toString()}`, label: r.path };
  };
}

/** GET /v1/runs for one room over one UTC month. */
export function roomRuns(pick: () => RoomMonth): () => Target {
  return () => {
    const r = pick();
    const query = new URLSearchParams({
      roomId: r.room.id,
      from: `${r.month}-01T00:00:00Z`,
      to: `${nextMonth(r.month)}-01T00:00:00Z`,
    });
    return { path: `/v1/runs?${query.toString()}` };
  };
}

export function withKey(key: string, next: () => Target): () => Target {
  const headers = { Authorization: `Bearer ${key}` };
  return () => ({ ...next(), headers });
}
