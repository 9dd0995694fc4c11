import { allocateLargestRemainder } from '../../../shared/money/allocation';
import { D, type Dec } from '../../../shared/money/decimal';
import type { BilledFrom, CostCell } from './cost-cell';

/** What of an invoice line (issued, or of the rating to date) the report allocates. */
export interface BilledLine {
  readonly basis: string;
  readonly segmentFrom: Date;
  readonly segmentTo: Date;
  readonly roundedAmount: Dec;
  /** The rooms the line charges, with their quantity on it (empty: a fee of the customer). */
  readonly rooms: readonly { readonly roomId: string; readonly quantity: Dec }[];
}

/** A line's part for one room (or, unroomed, the customer's), to spread over cells. */
export interface RoomPart<L extends BilledLine = BilledLine> {
  readonly line: L;
  readonly amount: Dec;
}

/** The lines of one customer-period split over its rooms, and what no room can carry. */
export interface RoomParts<L extends BilledLine = BilledLine> {
  readonly byRoom: ReadonlyMap<string, readonly RoomPart<L>[]>;
  /** Money of the customer as a whole: fees, corrections, lines whose rooms carry nothing. */
  readonly unroomed: readonly RoomPart<L>[];
}

/** One line's money on one cell (by index in the cells given). */
export interface CellPiece<L extends BilledLine = BilledLine> {
  readonly line: L;
  readonly cell: number;
  readonly amount: Dec;
}

/**
 * Step 1 of billed allocation: each line's rounded amount over its rooms by their quantity on the
 * line, by largest remainder at the currency's minor unit (`scale`), so the rooms add up to the
 * line exactly. A line without rooms, or whose quantities are all zero or of mixed signs, stays
 * with the customer, dated at its segment's start.
 */
export function splitOverRooms<L extends BilledLine>(
  lines: readonly L[],
  scale: number,
): RoomParts<L> {
  const byRoom = new Map<string, RoomPart<L>[]>();
  const unroomed: RoomPart<L>[] = [];
  for (const line of lines) {
    const parts = allocateOrNull(
      line.roundedAmount,
      line.rooms.map((room) => room.quantity),
      scale,
    );
    if (parts === null || line.rooms.length === 0) {
      if (!line.roundedAmount.isZero()) {
        unroomed.push({ line, amount: line.roundedAmount });
      }
      continue;
    }
    line.rooms.forEach((room, i) => {
      const known = byRoom.get(room.roomId) ?? [];
      known.push({ line, amount: parts[i] });
      byRoom.set(room.roomId, known);
    });
  }
  return { byRoom, unroomed };
}

/**
 * Each room part over the room's cells in the line's segment, weighted by what the line's basis
 * counts (partner DBU for `partner_dbu` and `partner_run`, customer DBU for `customer_dbu`, the
 * matching costs for the cost bases, all DBU otherwise; spreadRoomParts sends per-room and per-run
 * fees elsewhere), in two levels as the line breakdown does: first over the
 * runs (and the usage outside runs, last) by their summed weight, then each run's share over its
 * cells. Cells split over no run form one group, so the split is then one level. Every cell with
 * a weight gets a piece, even one that rounds to zero. A part the cells cannot carry (no weight,
 * or weights of mixed signs), or a run's share its cells cannot, comes back as leftover: money of
 * the room dated at the segment's start.
 */
export function spreadOverCells<L extends BilledLine>(
  parts: readonly RoomPart<L>[],
  cells: readonly UsageMeasured[],
  scale: number,
): { pieces: CellPiece<L>[]; leftover: RoomPart<L>[] } {
  const pieces: CellPiece<L>[] = [];
  const leftover: RoomPart<L>[] = [];
  for (const part of parts) {
    const weigh = weightOf(part.line.basis);
    const groups = runGroups(
      indicesIn(cells, (cell) => cell.at, part.line),
      cells,
    );
    const weights = groups.map((group) => group.map((i) => weigh(cells[i])));
    const shares = allocateOrNull(
      part.amount,
      weights.map((group) => group.reduce((sum, weight) => sum.plus(weight), new D(0))),
      scale,
    );
    if (shares === null) {
      if (!part.amount.isZero()) leftover.push(part);
      continue;
    }
    groups.forEach((group, g) => {
      const amounts = allocateOrNull(shares[g], weights[g], scale);
      if (amounts === null) {
        if (!shares[g].isZero()) leftover.push({ line: part.line, amount: shares[g] });
        return;
      }
      group.forEach((cell, i) => {
        if (!weights[g][i].isZero()) pieces.push({ line: part.line, cell, amount: amounts[i] });
      });
    });
  }
  return { pieces, leftover };
}

/** What step 2 weighs: a cell's usage, who triggered it and the run it is a share of. */
export type UsageMeasured = Pick<
  CostCell,
  'at' | 'runId' | 'trigger' | 'dbu' | 'listCost' | 'partnerCost'
>;

/** Indices of the items dated in the line's segment [segmentFrom, segmentTo). */
export function indicesIn<T>(
  items: readonly T[],
  at: (item: T) => Date,
  line: BilledLine,
): number[] {
  const from = line.segmentFrom.getTime();
  const to = line.segmentTo.getTime();
  const found: number[] = [];
  items.forEach((item, i) => {
    const time = at(item).getTime();
    if (time >= from && time < to) found.push(i);
  });
  return found;
}

/** Cell indices grouped by run, runs in the order first met, the usage outside runs last. */
function runGroups(indices: readonly number[], cells: readonly UsageMeasured[]): number[][] {
  const byRun = new Map<string, number[]>();
  const outside: number[] = [];
  for (const i of indices) {
    const runId = cells[i].runId;
    if (runId === null) {
      outside.push(i);
      continue;
    }
    const group = byRun.get(runId);
    if (group === undefined) byRun.set(runId, [i]);
    else group.push(i);
  }
  const groups = [...byRun.values()];
  return outside.length > 0 || groups.length === 0 ? [...groups, outside] : groups;
}

/** A cell of money only (no usage), of a room or of the customer as a whole. */
export function moneyCell(
  base: { customerId: string; currency: string; roomId: string | null; billedFrom: BilledFrom },
  amount: Dec,
  at: Date,
): CostCell {
  const zero = new D(0);
  return {
    ...base,
    runId: null,
    notebookName: null,
    skuName: null,
    trigger: null,
    at,
    dbu: zero,
    listCost: zero,
    partnerCost: zero,
    billed: amount,
  };
}

function weightOf(basis: string): (cell: UsageMeasured) => Dec {
  const zero = new D(0);
  switch (basis) {
    case 'partner_dbu':
    case 'partner_run':
      return (cell) => (cell.trigger === 'partner' ? cell.dbu : zero);
    case 'customer_dbu':
      return (cell) => (cell.trigger === 'customer' ? cell.dbu : zero);
    case 'partner_cost':
      return (cell) => (cell.trigger === 'partner' ? cell.partnerCost : zero);
    case 'partner_list_cost':
      return (cell) => (cell.trigger === 'partner' ? cell.listCost : zero);
    default:
      return (cell) => cell.dbu;
  }
}

/** Largest remainder, or null when the weights cannot carry the total. */
export function allocateOrNull(total: Dec, weights: readonly Dec[], scale: number): Dec[] | null {
  if (weights.every((weight) => weight.isZero())) {
    return total.isZero() ? weights.map(() => new D(0)) : null;
  }
  if (weights.some((w) => w.greaterThan(0)) && weights.some((w) => w.lessThan(0))) return null;
  return allocateLargestRemainder(total, [...weights], scale);
}
