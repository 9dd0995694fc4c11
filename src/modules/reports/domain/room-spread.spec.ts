import { D, type Dec } from '../../../shared/money/decimal';
import type { BilledLine, RoomPart, UsageMeasured } from './billed-allocation';
import { spreadRoomParts } from './room-spread';

const MARCH = {
  segmentFrom: new Date('2046-03-01T00:00:00Z'),
  segmentTo: new Date('2046-04-01T00:00:00Z'),
};

function line(basis: string, roundedAmount: string): BilledLine {
  return { basis, ...MARCH, roundedAmount: new D(roundedAmount), rooms: [] };
}

function part(basis: string, amount: string): RoomPart {
  return { line: line(basis, amount), amount: new D(amount) };
}

function cell(
  at: string,
  runId: string | null,
  dbu: string,
  trigger: 'partner' | 'customer' = 'partner',
): UsageMeasured {
  const zero = new D(0);
  return { at: new Date(at), runId, trigger, dbu: new D(dbu), listCost: zero, partnerCost: zero };
}

const amounts = (pieces: readonly { amount: Dec }[]) =>
  pieces.map((piece) => piece.amount.toString());

describe('spreadRoomParts', () => {
  it('splits a usage part over runs first, then over each run’s cells, by largest remainder', () => {
    // 3.33 over r1 4 DBU, r2 4 DBU, outside runs 3 + 4 = 7 DBU (sum 15), in cents:
    // r1 333 × 4 / 15 = 88 r 12, r2 the same, outside 333 × 7 / 15 = 155 r 6: the two spare
    // cents go to r1 and r2 (remainder 12) → 0.89, 0.89, 1.55. Outside runs over 3 : 4 DBU:
    // 155 × 3 / 7 = 66 r 3, 155 × 4 / 7 = 88 r 4 → the spare cent to the second: 0.66, 0.89.
    const cells = [
      cell('2046-03-02T10:00:00Z', 'r1', '4'),
      cell('2046-03-02T10:00:00Z', 'r2', '4'),
      cell('2046-03-05T08:00:00Z', null, '3'),
      cell('2046-03-06T08:00:00Z', null, '4'),
    ];
    const spread = spreadRoomParts([part('partner_dbu', '3.33')], cells, [], 2);
    expect(spread.onCells.map((piece) => piece.cell)).toEqual([0, 1, 2, 3]);
    expect(amounts(spread.onCells)).toEqual(['0.89', '0.89', '0.66', '0.89']);
    expect(spread.atRoom).toEqual([]);
  });

  it('gives a piece to every cell with weight, even one that rounds to zero, none to others', () => {
    // 0.01 over 1 : 1 : 1 DBU (three runs): the cent to the first, two zero pieces. The
    // customer's DBU weigh nothing for a partner_dbu line.
    const cells = [
      cell('2046-03-02T10:00:00Z', 'r1', '1'),
      cell('2046-03-02T11:00:00Z', 'r2', '1'),
      cell('2046-03-02T12:00:00Z', 'r3', '1'),
      cell('2046-03-02T12:00:00Z', 'r4', '5', 'customer'),
    ];
    const spread = spreadRoomParts([part('partner_dbu', '0.01')], cells, [], 2);
    expect(spread.onCells.map((piece) => [piece.cell, piece.amount.toString()])).toEqual([
      [0, '0.01'],
      [1, '0'],
      [2, '0'],
    ]);
  });

  it('keeps a per-room fee at the room, and a part no cell can carry', () => {
    // No customer DBU in the room: the royalty's 1.00 stays with the room.
    const cells = [cell('2046-03-02T10:00:00Z', null, '8')];
    const spread = spreadRoomParts(
      [part('room', '20.00'), part('customer_dbu', '1.00')],
      cells,
      [],
      2,
    );
    expect(spread.onCells).toEqual([]);
    expect(spread.atRoom.map((kept) => [kept.line.basis, kept.amount.toString()])).toEqual([
      ['room', '20'],
      ['customer_dbu', '1'],
    ]);
  });

  it('spreads a per-run fee over the partner runs started in its segment, one unit each', () => {
    // 6.67 over two runs: 333 r 1 each, the spare cent to the first → 3.34, 3.33. The run that
    // started in February is not the segment's.
    const runs = [
      { startedAt: new Date('2046-02-28T23:30:00Z') },
      { startedAt: new Date('2046-03-02T10:00:00Z') },
      { startedAt: new Date('2046-03-02T10:30:00Z') },
    ];
    const spread = spreadRoomParts([part('partner_run', '6.67')], [], runs, 2);
    expect(spread.onRuns.map((piece) => [piece.run, piece.amount.toString()])).toEqual([
      [1, '3.34'],
      [2, '3.33'],
    ]);
    // Without a run of the segment, the fee stays with the room.
    const none = spreadRoomParts([part('partner_run', '6.67')], [], runs.slice(0, 1), 2);
    expect(none.onRuns).toEqual([]);
    expect(amounts(none.atRoom)).toEqual(['6.67']);
  });

  it('leaves a run’s share with the room when that run’s cells cannot carry it', () => {
    // r1 nets to +2 DBU over +5 and −3 (a retraction in another hour): the runs (r1 2, r2 2)
    // carry 1.00 as 0.50 + 0.50, but r1's cells are of mixed signs: its 0.50 stays at the room.
    const cells = [
      cell('2046-03-02T10:00:00Z', 'r1', '5'),
      cell('2046-03-02T11:00:00Z', 'r1', '-3'),
      cell('2046-03-02T12:00:00Z', 'r2', '2'),
    ];
    const spread = spreadRoomParts([part('partner_dbu', '1.00')], cells, [], 2);
    expect(spread.onCells.map((piece) => [piece.cell, piece.amount.toString()])).toEqual([
      [2, '0.5'],
    ]);
    expect(amounts(spread.atRoom)).toEqual(['0.5']);
  });
});
