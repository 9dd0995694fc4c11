import { D, type Dec } from '../../../shared/money/decimal';
import type { BilledInvoiceLine } from '../../invoicing/queries/billed-periods.reader';
import type { CostCell } from '../domain/cost-cell';
import { chargeKindOf, triggerOfBasis } from './focus-charge';

/**
 * Where a row sits in a line's hierarchy (docs/focus.md §3): a usage cell (room, run or none,
 * SKU, hour), a partner run (per-run fee), a room (per-room fee, or what the level below could not
 * carry), or the customer as a whole (period fee, correction, what no room could carry).
 */
export type RowPlace =
  | { readonly level: 'cell'; readonly cell: CostCell }
  | { readonly level: 'run'; readonly cell: CostCell }
  | { readonly level: 'room'; readonly roomId: string }
  | { readonly level: 'customer' };

export function placeOf(cell: CostCell): RowPlace {
  if (cell.roomId === null) return { level: 'customer' };
  if (cell.skuName !== null) return { level: 'cell', cell };
  if (cell.runId !== null) return { level: 'run', cell };
  return { level: 'room', roomId: cell.roomId };
}

/** A row's quantities; null where FOCUS wants null (ConsumedQuantity off Usage rows, corrections). */
export interface RowQuantities {
  readonly consumed: Dec | null;
  readonly pricing: Dec | null;
  /** Databricks list value of the row's DBU (used on Databricks-published rows only). */
  readonly listValue: Dec;
}

const QUANTITY_SCALE = 18;

/**
 * The row's consumed and pricing quantities (§5, columns 24 and 38): fees count units (the line's
 * quantity, or the room's on it); per-run rows 1 run; usage rows the DBU under them (the cell's,
 * or the room's of the line's trigger in its segment); overage rows that DBU scaled to the excess
 * the line bills (excess ÷ the partner DBU it was measured on), at 18 decimals.
 */
export function quantitiesOf(
  line: BilledInvoiceLine,
  place: RowPlace,
  roomCells: readonly CostCell[],
): RowQuantities {
  const zero = new D(0);
  const kind = chargeKindOf(line);
  if (kind === 'correction') return { consumed: null, pricing: null, listValue: zero };
  const units =
    place.level === 'customer'
      ? line.quantity
      : place.level === 'run'
        ? new D(1)
        : (line.rooms.find((room) => room.roomId === roomOf(place))?.quantity ?? zero);
  if (kind === 'subscription' || kind === 'room') {
    return { consumed: null, pricing: units, listValue: zero };
  }
  if (kind === 'run') return { consumed: units, pricing: units, listValue: zero };
  const measured = measuredOf(line, place, roomCells);
  if (kind === 'usage')
    return { consumed: measured.dbu, pricing: measured.dbu, listValue: measured.listCost };
  const measuredOn = line.rooms.reduce((sum, room) => sum.plus(room.quantity), new D(0));
  if (place.level === 'customer' || measuredOn.isZero()) {
    return { consumed: measured.dbu, pricing: line.quantity, listValue: measured.listCost };
  }
  const scaled = (value: Dec) =>
    value
      .times(line.quantity)
      .dividedBy(measuredOn)
      .toDecimalPlaces(QUANTITY_SCALE, D.ROUND_HALF_UP);
  return {
    consumed: measured.dbu,
    pricing: scaled(measured.dbu),
    listValue: scaled(measured.listCost),
  };
}

function roomOf(place: RowPlace): string | null {
  if (place.level === 'room') return place.roomId;
  if (place.level === 'cell' || place.level === 'run') return place.cell.roomId;
  return null;
}

/** The DBU and list cost a usage row stands for. */
function measuredOf(
  line: BilledInvoiceLine,
  place: RowPlace,
  roomCells: readonly CostCell[],
): { dbu: Dec; listCost: Dec } {
  if (place.level === 'cell' || place.level === 'run') {
    return { dbu: place.cell.dbu, listCost: place.cell.listCost };
  }
  let dbu = new D(0);
  let listCost = new D(0);
  if (place.level === 'customer') return { dbu, listCost };
  const trigger = triggerOfBasis(line.basis);
  const from = line.segmentFrom.getTime();
  const to = line.segmentTo.getTime();
  for (const cell of roomCells) {
    const at = cell.at.getTime();
    if (cell.skuName === null || cell.trigger !== trigger || at < from || at >= to) continue;
    dbu = dbu.plus(cell.dbu);
    listCost = listCost.plus(cell.listCost);
  }
  return { dbu, listCost };
}
