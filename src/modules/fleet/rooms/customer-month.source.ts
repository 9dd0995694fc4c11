import { Injectable } from '@nestjs/common';
import { InFlight } from '../../../shared/concurrency/in-flight';
import { minorUnits } from '../../../shared/money/currency';
import { D, type Dec } from '../../../shared/money/decimal';
import { BilledPeriodsReader } from '../../invoicing/queries/billed-periods.reader';
import { capUsePercent } from '../../pricing/budgets/cap-now';
import { CapsNowReader } from '../../pricing/budgets/caps-now.reader';
import { splitOverRooms } from '../../reports/domain/billed-allocation';
import {
  PeriodRoomTotalsReader,
  type RoomTotals,
} from '../../usage/queries/period-room-totals.reader';
import type { CustomerMonth, RoomMonth } from '../domain/customer-month';

export interface MonthCustomer {
  readonly id: string;
  readonly billingTimeZone: string;
  readonly currency: string;
}

/** Customers rated at once (each rating is a few statements on its own connection). */
const RATING_CONCURRENCY = 4;

/**
 * Customers' months to date, many at once: their caps in effect (pricing, one statement), their
 * usage per room and partner exposure over their current periods (usage, one statement: one range
 * of the rollups' key per customer), and each one's bill for the period (invoicing: the issued
 * invoice, else the rating to date, one per customer) split over rooms by each line's room
 * quantities (splitOverRooms, largest remainder at the currency's minor unit, as the cost report).
 */
@Injectable()
export class CustomerMonthSource {
  constructor(
    private readonly caps: CapsNowReader,
    private readonly totals: PeriodRoomTotalsReader,
    private readonly billed: BilledPeriodsReader,
  ) {}

  async months(
    customers: readonly MonthCustomer[],
    now: Date,
  ): Promise<Map<string, CustomerMonth>> {
    const caps = await this.caps.capsAt(customers, now);
    const spans = customers.flatMap((customer) => {
      const cap = caps.get(customer.id);
      if (cap === undefined) return [];
      const { period } = cap;
      const exposure = cap.segment;
      return [
        {
          customerId: customer.id,
          currency: customer.currency,
          from: period.start,
          to: period.end,
          exposure,
        },
      ];
    });
    const totals = groupByCustomer(await this.totals.totals(spans));
    const months = new Map<string, CustomerMonth>();
    const pool = new InFlight(RATING_CONCURRENCY);
    for (const customer of customers) {
      const cap = caps.get(customer.id);
      if (cap === undefined) continue;
      await pool.add(async () => {
        const charges = await this.billed.roomCharges(customer.id, cap.period);
        const rows = totals.get(customer.id) ?? [];
        const exposure = {
          dbu: sum(rows.map((row) => row.exposureDbu)),
          cost: sum(rows.map((row) => row.exposureCost)),
        };
        months.set(customer.id, {
          customerId: customer.id,
          period: cap.period.key,
          currency: customer.currency,
          asOf: now,
          billedFrom: charges.from,
          rooms: roomMonths(rows, billedByRoom(charges.lines, charges.currency)),
          capUse:
            cap.cap === null
              ? null
              : { measure: cap.cap.measure, percent: capUsePercent(cap.cap, exposure) },
        });
      });
    }
    await pool.drain();
    return months;
  }
}

function billedByRoom(
  lines: Parameters<typeof splitOverRooms>[0],
  currency: string,
): Map<string, Dec> {
  const byRoom = new Map<string, Dec>();
  for (const [roomId, parts] of splitOverRooms(lines, minorUnits(currency)).byRoom) {
    byRoom.set(roomId, sum(parts.map((part) => part.amount)));
  }
  return byRoom;
}

function roomMonths(
  rows: readonly RoomTotals[],
  billed: ReadonlyMap<string, Dec>,
): Map<string, RoomMonth> {
  const zero = new D(0);
  const rooms = new Map<string, RoomMonth>();
  for (const row of rows) {
    rooms.set(row.roomId, {
      partnerDbu: row.partnerDbu,
      customerDbu: row.customerDbu,
      listCost: row.listCost,
      partnerCost: row.partnerCost,
      billed: billed.get(row.roomId) ?? zero,
    });
  }
  for (const [roomId, amount] of billed) {
    if (!rooms.has(roomId)) {
      rooms.set(roomId, {
        partnerDbu: zero,
        customerDbu: zero,
        listCost: zero,
        partnerCost: zero,
        billed: amount,
      });
    }
  }
  return rooms;
}

function groupByCustomer(rows: readonly RoomTotals[]): Map<string, RoomTotals[]> {
  const byCustomer = new Map<string, RoomTotals[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customerId) ?? [];
    list.push(row);
    byCustomer.set(row.customerId, list);
  }
  return byCustomer;
}

function sum(values: readonly Dec[]): Dec {
  return values.reduce((total, value) => total.plus(value), new D(0));
}
