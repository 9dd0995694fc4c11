import { D, type Dec } from '../../../shared/money/decimal';
import {
  allocateOrNull,
  indicesIn,
  spreadOverCells,
  type BilledLine,
  type CellPiece,
  type RoomPart,
  type UsageMeasured,
} from './billed-allocation';

/*
 * Step 2 of billed allocation, by basis: how far down a room's part of a line goes (the room,
 * its partner runs, or its usage cells). docs/focus.md, "What a row is", has the hierarchy.
 */

/** One partner run a per-run fee is spread over: it counts if it started in the line's segment. */
export interface StartedRun {
  readonly startedAt: Date;
}

/** One line's money on one partner run (by index in the runs given). */
export interface RunPiece<L extends BilledLine = BilledLine> {
  readonly line: L;
  readonly run: number;
  readonly amount: Dec;
}

/** A room's parts, each taken down to the level its basis goes to (step 2). */
export interface RoomSpread<L extends BilledLine = BilledLine> {
  readonly onCells: CellPiece<L>[];
  readonly onRuns: RunPiece<L>[];
  /** Money that stays with the room: per-room fees, and parts the level below cannot carry. */
  readonly atRoom: RoomPart<L>[];
}

/**
 * Step 2, by basis: a per-room fee (`room`) stops at the room (a room fee is not caused by runs or
 * hours); a per-run fee (`partner_run`) goes over the partner runs started in its segment, one
 * unit each, as rating counts them (spreadOverRuns); every other basis goes over the room's usage
 * cells (spreadOverCells).
 */
export function spreadRoomParts<L extends BilledLine>(
  parts: readonly RoomPart<L>[],
  cells: readonly UsageMeasured[],
  partnerRuns: readonly StartedRun[],
  scale: number,
): RoomSpread<L> {
  const atRoom = parts.filter((part) => part.line.basis === 'room' && !part.amount.isZero());
  const byRun = spreadOverRuns(
    parts.filter((part) => part.line.basis === 'partner_run'),
    partnerRuns,
    scale,
  );
  const byCell = spreadOverCells(
    parts.filter((part) => part.line.basis !== 'room' && part.line.basis !== 'partner_run'),
    cells,
    scale,
  );
  return {
    onCells: byCell.pieces,
    onRuns: byRun.pieces,
    atRoom: [...atRoom, ...byRun.leftover, ...byCell.leftover],
  };
}

/**
 * Each per-run part over the runs started in the line's segment, weight 1 each, by largest
 * remainder; a part with no such run comes back as leftover.
 */
export function spreadOverRuns<L extends BilledLine>(
  parts: readonly RoomPart<L>[],
  runs: readonly StartedRun[],
  scale: number,
): { pieces: RunPiece<L>[]; leftover: RoomPart<L>[] } {
  const pieces: RunPiece<L>[] = [];
  const leftover: RoomPart<L>[] = [];
  for (const part of parts) {
    const inSegment = indicesIn(runs, (run) => run.startedAt, part.line);
    const amounts = allocateOrNull(
      part.amount,
      inSegment.map(() => new D(1)),
      scale,
    );
    if (amounts === null) {
      if (!part.amount.isZero()) leftover.push(part);
      continue;
    }
    inSegment.forEach((run, i) => pieces.push({ line: part.line, run, amount: amounts[i] }));
  }
  return { pieces, leftover };
}
