import { Inject, Injectable } from '@nestjs/common';
import { minorUnits } from '../../../shared/money/currency';
import { D } from '../../../shared/money/decimal';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import { nextBillingPeriod, type BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import {
  BilledPeriodsReader,
  type BilledPeriod,
} from '../../invoicing/queries/billed-periods.reader';
import { RoomRunsReader } from '../../usage/queries/room-runs.reader';
import { UsageCellsReader } from '../../usage/queries/usage-cells.reader';
import {
  moneyCell,
  splitOverRooms,
  spreadOverCells,
  type MutableCostCell,
  type RoomParts,
} from '../domain/billed-allocation';
import type { CostCell } from '../domain/cost-cell';
import { splitOverRuns } from '../domain/run-split';

export interface CellRange {
  readonly from: Date;
  readonly to: Date;
  /** Only this room's cells (the customer's money not tied to a room is then left out). */
  readonly roomId?: string;
  /** Split usage over runs (needed to group by run or notebook). */
  readonly byRun: boolean;
}

interface PeriodBill {
  readonly period: BillingPeriod;
  readonly billed: BilledPeriod;
  readonly parts: RoomParts;
  readonly scale: number;
}

/**
 * A customer's cost cells over a range, room by room (each batch is one room's, whole), then the
 * money of the customer as a whole. Billed money is allocated per billing period over the period's
 * cells, all of them, then only the cells in the range are kept: a range that is a whole period
 * carries exactly the period's bill.
 */
@Injectable()
export class CostCellsSource {
  constructor(
    private readonly usage: UsageCellsReader,
    private readonly runs: RoomRunsReader,
    private readonly billedPeriods: BilledPeriodsReader,
    private readonly calendar: BillingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async *cells(
    customer: { id: string; billingTimeZone: string },
    range: CellRange,
  ): AsyncGenerator<CostCell[]> {
    const bills = await this.bills(customer, range);
    if (bills.length === 0) return;
    const inRange = (cell: CostCell) => cell.at >= range.from && cell.at < range.to;
    const rooms =
      range.roomId !== undefined ? [range.roomId] : await this.roomsOf(customer.id, bills);
    for (const roomId of rooms) {
      const cells: CostCell[] = [];
      for (const bill of bills)
        cells.push(...(await this.roomCells(customer.id, roomId, bill, range)));
      yield cells.filter(inRange);
    }
    if (range.roomId !== undefined) return;
    const money: CostCell[] = [];
    for (const { period, billed, parts } of bills) {
      const base = {
        customerId: customer.id,
        currency: billed.currency,
        roomId: null,
        billedFrom: from(billed),
      };
      for (const part of parts.unroomed) money.push(moneyCell(base, part.amount, part.at));
      for (const credit of billed.credits)
        money.push(moneyCell(base, credit.amount.negated(), period.start));
    }
    yield money.filter(inRange);
  }

  /** Rooms with usage in the periods, and rooms their bills charge (a room fee needs no DBU). */
  private async roomsOf(customerId: string, bills: readonly PeriodBill[]): Promise<string[]> {
    const used = await this.usage.roomsUsed(
      customerId,
      bills[0].period.start,
      bills[bills.length - 1].period.end,
    );
    const charged = bills.flatMap((bill) => [...bill.parts.byRoom.keys()]);
    return [...new Set([...used, ...charged])].sort(byteOrder);
  }

  /** The customer's periods that overlap the range and have started, each with its bill. */
  private async bills(
    customer: { id: string; billingTimeZone: string },
    range: CellRange,
  ): Promise<PeriodBill[]> {
    const now = this.clock.now();
    const bills: PeriodBill[] = [];
    for (
      let period = this.calendar.periodContaining(customer, range.from);
      period.start < range.to && period.start <= now;
      period = nextBillingPeriod(period)
    ) {
      const billed = await this.billedPeriods.billed(customer.id, period);
      const scale = minorUnits(billed.currency);
      bills.push({ period, billed, parts: splitOverRooms(billed.lines, scale), scale });
    }
    return bills;
  }

  private async roomCells(
    customerId: string,
    roomId: string,
    bill: PeriodBill,
    range: CellRange,
  ): Promise<CostCell[]> {
    const { period, billed, parts, scale } = bill;
    const billedFrom = from(billed);
    const usage = await this.usage.cells(customerId, roomId, period.start, period.end);
    let cells: MutableCostCell[] = usage.map((cell) => ({
      customerId,
      currency: cell.currency,
      roomId,
      runId: null,
      notebookName: null,
      skuName: cell.skuName,
      trigger: cell.trigger,
      at: cell.hour,
      dbu: cell.dbu,
      listCost: cell.listCost,
      partnerCost: cell.partnerCost,
      billed: new D(0),
      billedFrom,
    }));
    if (range.byRun && cells.length > 0) {
      cells = splitOverRuns(
        cells,
        await this.runs.ownedBy(roomId, customerId, period.start, period.end),
      );
    }
    const leftover = spreadOverCells(parts.byRoom.get(roomId) ?? [], cells, scale);
    const base = { customerId, currency: billed.currency, roomId, billedFrom };
    return [...cells, ...leftover.map((part) => moneyCell(base, part.amount, part.at))];
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function from(billed: BilledPeriod): CostCell['billedFrom'] {
  return billed.from === 'estimate' ? 'estimate' : 'invoice';
}
