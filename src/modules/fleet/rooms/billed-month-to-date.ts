import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { InFlight } from '../../../shared/concurrency/in-flight';
import { minorUnits } from '../../../shared/money/currency';
import { D, type Dec } from '../../../shared/money/decimal';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import { BilledPeriodsReader } from '../../invoicing/queries/billed-periods.reader';
import { splitOverRooms } from '../../reports/domain/billed-allocation';

/** What a customer's current period bills each of its rooms, and when that was computed. */
export interface RoomBills {
  readonly period: string;
  readonly from: 'invoice' | 'estimate' | 'void';
  readonly byRoom: ReadonlyMap<string, Dec>;
  readonly asOf: Date;
}

interface Entry {
  readonly period: string;
  readonly asOf: Date;
  readonly bills: Promise<RoomBills>;
}

/** Customers rated at once on a miss (each rating is a few statements on its own connection). */
const CONCURRENCY = 4;

/**
 * The month-to-date bill of each room: the customer's bill for its current period (the invoice
 * once issued, else the rating of the period to date) split over rooms by each line's room
 * quantities (splitOverRooms, as the cost report does), per room the sum of its parts.
 *
 * An estimate costs a rating per customer (~tens of ms each: too slow for a fleet of a hundred
 * customers on every request), so each customer's bills are kept for FLEET_BILLED_MAX_AGE (by
 * the injected clock) and answered with the instant they were computed (`asOf`); concurrent
 * requests share one computation. `0s` computes them on every request. Per replica, in memory:
 * the cache is a latency device, never a source of truth.
 */
@Injectable()
export class BilledMonthToDate {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly billed: BilledPeriodsReader,
    private readonly calendar: BillingCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forCustomers(
    customers: readonly { readonly id: string; readonly billingTimeZone: string }[],
    now: Date,
  ): Promise<Map<string, RoomBills>> {
    const result = new Map<string, RoomBills>();
    const pool = new InFlight(CONCURRENCY);
    for (const customer of customers) {
      await pool.add(async () => {
        result.set(customer.id, await this.bills(customer, now));
      });
    }
    await pool.drain();
    return result;
  }

  private bills(customer: { id: string; billingTimeZone: string }, now: Date): Promise<RoomBills> {
    const period = this.calendar.periodContaining(customer, now);
    const cached = this.entries.get(customer.id);
    if (
      cached !== undefined &&
      cached.period === period.key &&
      now.getTime() - cached.asOf.getTime() < this.config.fleetBilledMaxAgeMs
    ) {
      return cached.bills;
    }
    const bills = this.compute(customer.id, period, now);
    const entry = { period: period.key, asOf: now, bills };
    this.entries.set(customer.id, entry);
    // A failed computation is not kept: the next request tries again.
    bills.catch(() => {
      if (this.entries.get(customer.id) === entry) this.entries.delete(customer.id);
    });
    return bills;
  }

  private async compute(
    customerId: string,
    period: Parameters<BilledPeriodsReader['roomCharges']>[1],
    asOf: Date,
  ): Promise<RoomBills> {
    const charges = await this.billed.roomCharges(customerId, period);
    const parts = splitOverRooms(charges.lines, minorUnits(charges.currency));
    const byRoom = new Map<string, Dec>();
    for (const [roomId, roomParts] of parts.byRoom) {
      byRoom.set(
        roomId,
        roomParts.reduce((sum, part) => sum.plus(part.amount), new D(0)),
      );
    }
    return { period: period.key, from: charges.from, byRoom, asOf };
  }
}
