import { Inject, Injectable } from '@nestjs/common';
import { minorUnits } from '../../../shared/money/currency';
import { D, type Dec } from '../../../shared/money/decimal';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import { nextBillingPeriod, type BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import {
  BilledPeriodsReader,
  type BilledInvoiceLine,
  type BilledPeriod,
} from '../../invoicing/queries/billed-periods.reader';
import type { CleanRoomRun } from '../../usage/domain/run';
import { RoomRunsReader } from '../../usage/queries/room-runs.reader';
import { UsageCellsReader } from '../../usage/queries/usage-cells.reader';
import { moneyCell, splitOverRooms, type RoomParts } from '../domain/billed-allocation';
import type { CostCell } from '../domain/cost-cell';
import { spreadRoomParts } from '../domain/room-spread';
import { splitOverRuns } from '../domain/run-split';

export interface CellRange {
  readonly from: Date;
  readonly to: Date;
  /** Only this room's cells (the customer's money not tied to a room is then left out). */
  readonly roomId?: string;
  /** Split usage over runs (needed to group by run or notebook). */
  readonly byRun: boolean;
}

/** A period's bill: which document, and the period it bills. */
export interface BillOf {
  readonly period: BillingPeriod;
  readonly billed: BilledPeriod;
}

/** Where a piece of billed money comes from: a line of the bill, or a credit note against it. */
export type Charge =
  | { readonly kind: 'line'; readonly line: BilledInvoiceLine; readonly bill: BillOf }
  | {
      readonly kind: 'credit';
      readonly credit: BilledPeriod['credits'][number];
      readonly bill: BillOf;
    };

/** One charge's money on one cell. */
export interface BilledPiece {
  readonly cell: CostCell;
  readonly charge: Charge;
  readonly amount: Dec;
}

/** A room's cells (usage, with the billed money summed on them) and the pieces behind it. */
export interface CostBatch {
  readonly cells: CostCell[];
  readonly pieces: BilledPiece[];
}

interface PeriodBill extends BillOf {
  readonly parts: RoomParts<BilledInvoiceLine>;
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
  ): AsyncGenerator<CostBatch> {
    const bills = await this.bills(customer, range);
    if (bills.length === 0) return;
    const inRange = (cell: CostCell) => cell.at >= range.from && cell.at < range.to;
    const rooms =
      range.roomId !== undefined ? [range.roomId] : await this.roomsOf(customer.id, bills);
    for (const roomId of rooms) {
      const batch: CostBatch = { cells: [], pieces: [] };
      for (const bill of bills) {
        const { cells, pieces } = await this.roomBatch(customer.id, roomId, bill, range);
        batch.cells.push(...cells.filter(inRange));
        batch.pieces.push(...pieces.filter((piece) => inRange(piece.cell)));
      }
      yield batch;
    }
    if (range.roomId !== undefined) return;
    const money: BilledPiece[] = [];
    for (const bill of bills) {
      const base = baseOf(customer.id, null, bill.billed);
      for (const part of bill.parts.unroomed) {
        const cell = moneyCell(base, part.amount, inPeriod(part.line.segmentFrom, bill.period));
        money.push({ cell, charge: { kind: 'line', line: part.line, bill }, amount: part.amount });
      }
      for (const credit of bill.billed.credits) {
        const cell = moneyCell(base, credit.amount.negated(), bill.period.start);
        money.push({ cell, charge: { kind: 'credit', credit, bill }, amount: cell.billed });
      }
    }
    const kept = money.filter((piece) => inRange(piece.cell));
    yield { cells: kept.map((piece) => piece.cell), pieces: kept };
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

  /**
   * One room's cells in one period, billed money spread over them, and the pieces: usage cells
   * (split over runs when asked), a cell per partner run a per-run fee is spread over, and cells
   * of money that stays with the room (per-room fees, parts the level below cannot carry).
   */
  private async roomBatch(
    customerId: string,
    roomId: string,
    bill: PeriodBill,
    range: CellRange,
  ): Promise<CostBatch> {
    const { period, billed, parts, scale } = bill;
    const base = baseOf(customerId, roomId, billed);
    const roomParts = parts.byRoom.get(roomId) ?? [];
    const usage = await this.usage.cells(customerId, roomId, period.start, period.end);
    let cells: CostCell[] = usage.map((cell) => ({
      ...base,
      runId: null,
      notebookName: null,
      skuName: cell.skuName,
      trigger: cell.trigger,
      at: cell.hour,
      dbu: cell.dbu,
      listCost: cell.listCost,
      partnerCost: cell.partnerCost,
      billed: new D(0),
    }));
    if (range.byRun && cells.length > 0) {
      const runs = await this.runs.ownedBy(roomId, customerId, period.start, period.end);
      cells = splitOverRuns(cells, runs);
    }
    const partnerRuns = roomParts.some((part) => part.line.basis === 'partner_run')
      ? await this.partnerRuns(customerId, roomId, period)
      : [];
    const spread = spreadRoomParts(roomParts, cells, partnerRuns, scale);
    const billedOn = cells.map(() => new D(0));
    const charge = (line: BilledInvoiceLine): Charge => ({ kind: 'line', line, bill });
    const pieces: BilledPiece[] = spread.onCells.map((piece) => {
      billedOn[piece.cell] = billedOn[piece.cell].plus(piece.amount);
      return { cell: cells[piece.cell], charge: charge(piece.line), amount: piece.amount };
    });
    const moneyOnly = (cell: CostCell, line: BilledInvoiceLine, amount: Dec) => {
      cells.push(cell);
      billedOn.push(amount);
      pieces.push({ cell, charge: charge(line), amount });
    };
    for (const piece of spread.onRuns) {
      const run = partnerRuns[piece.run];
      const cell: CostCell = {
        ...moneyCell(base, piece.amount, run.startedAt),
        runId: run.runId,
        notebookName: run.notebookName,
        trigger: 'partner',
      };
      moneyOnly(cell, piece.line, piece.amount);
    }
    for (const part of spread.atRoom) {
      const cell = moneyCell(base, part.amount, inPeriod(part.line.segmentFrom, period));
      moneyOnly(cell, part.line, part.amount);
    }
    return { cells: cells.map((cell, i) => ({ ...cell, billed: billedOn[i] })), pieces };
  }

  /** The partner runs a per-run fee of the room's period is spread over. */
  private async partnerRuns(
    customerId: string,
    roomId: string,
    period: BillingPeriod,
  ): Promise<(CleanRoomRun & { readonly startedAt: Date })[]> {
    const runs = await this.runs.partnerStarted(roomId, customerId, period.start, period.end);
    return runs.filter((run): run is CleanRoomRun & { startedAt: Date } => run.startedAt !== null);
  }
}

function baseOf(customerId: string, roomId: string | null, billed: BilledPeriod) {
  return {
    customerId,
    currency: billed.currency,
    roomId,
    billedFrom: billed.from === 'estimate' ? ('estimate' as const) : ('invoice' as const),
  };
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Money is dated inside the period whose bill carries it. An adjustment line's segment is the
 * earlier period it corrects: dated there, it would fall outside a range that is the carrying
 * period (whose report would then miss it), and a range of the corrected period alone never
 * reads the carrying period's bill.
 */
function inPeriod(at: Date, period: BillingPeriod): Date {
  return at < period.start ? period.start : at;
}
