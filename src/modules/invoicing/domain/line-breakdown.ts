import { D, type Dec } from '../../../shared/money/decimal';
import { allocateLargestRemainder } from '../../../shared/money/allocation';

/** What stands behind one room's part of a line, each item with its weight in the line's basis. */
export interface RoomEvidence {
  readonly roomId: string;
  /** The room's quantity on the line. */
  readonly weight: Dec;
  readonly runs: readonly { readonly runId: string; readonly weight: Dec }[];
  /** Usage in hours no run overlaps. */
  readonly outsideRuns: Dec;
  /** Usage slots (an hour of a SKU and account): an original with its retraction and restatement. */
  readonly slots: readonly { readonly key: string; readonly weight: Dec }[];
}

export interface RoomSplit {
  readonly roomId: string;
  readonly amount: Dec;
  /** Null when the runs' weights cannot carry the amount (nothing, or mixed signs). */
  readonly runs: readonly Dec[] | null;
  readonly outsideRuns: Dec | null;
  readonly slots: readonly Dec[] | null;
}

export interface LineSplit {
  readonly rooms: readonly RoomSplit[];
  /** The part not tied to any room: period fees, corrections. */
  readonly unattributed: Dec;
}

/**
 * Splits a line's rounded amount over its rooms, each room's part over its runs (and the usage
 * outside any run) and over its usage slots, every split by largest remainder at the currency's
 * minor unit: each level adds up exactly to the level above, and the rooms to the line.
 */
export function splitLine(amount: Dec, scale: number, rooms: readonly RoomEvidence[]): LineSplit {
  const roomParts = allocate(
    amount,
    rooms.map((room) => room.weight),
    scale,
  );
  if (roomParts === null) {
    return {
      rooms: rooms.map((room) => ({
        roomId: room.roomId,
        amount: new D(0),
        runs: null,
        outsideRuns: null,
        slots: null,
      })),
      unattributed: amount,
    };
  }
  return {
    rooms: rooms.map((room, i) => {
      const runParts = allocate(
        roomParts[i],
        [...room.runs.map((run) => run.weight), room.outsideRuns],
        scale,
      );
      return {
        roomId: room.roomId,
        amount: roomParts[i],
        runs: runParts === null ? null : runParts.slice(0, -1),
        outsideRuns: runParts === null ? null : runParts[runParts.length - 1],
        slots: allocate(
          roomParts[i],
          room.slots.map((slot) => slot.weight),
          scale,
        ),
      };
    }),
    unattributed: new D(0),
  };
}

/** Largest remainder, or null when the weights cannot carry the total. */
function allocate(total: Dec, weights: readonly Dec[], scale: number): Dec[] | null {
  if (weights.length === 0 || weights.every((weight) => weight.isZero())) {
    return total.isZero() ? weights.map(() => new D(0)) : null;
  }
  const positive = weights.some((weight) => weight.greaterThan(0));
  const negative = weights.some((weight) => weight.lessThan(0));
  if (positive && negative) return null;
  return allocateLargestRemainder(total, [...weights], scale);
}
