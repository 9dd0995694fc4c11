import fc from 'fast-check';
import { D, type Dec } from '../../../shared/money/decimal';
import {
  moneyCell,
  splitOverRooms,
  spreadOverCells,
  type BilledLine,
  type RoomPart,
} from './billed-allocation';
import type { CostCell } from './cost-cell';
import { spreadRoomParts } from './room-spread';

const MARCH = new Date('2045-03-01T00:00:00.000Z');
const APRIL = new Date('2045-04-01T00:00:00.000Z');
const MID_MARCH = new Date('2045-03-16T00:00:00.000Z');

function line(
  roundedAmount: string,
  rooms: [string, string][] = [],
  fields: Partial<Omit<BilledLine, 'roundedAmount' | 'rooms'>> = {},
): BilledLine {
  return {
    basis: 'partner_dbu',
    segmentFrom: MARCH,
    segmentTo: APRIL,
    roundedAmount: new D(roundedAmount),
    rooms: rooms.map(([roomId, quantity]) => ({ roomId, quantity: new D(quantity) })),
    ...fields,
  };
}

function cell(
  at: string,
  trigger: 'partner' | 'customer',
  dbu: string,
  costs: { listCost?: string; partnerCost?: string } = {},
): CostCell {
  return {
    customerId: 'cust',
    currency: 'USD',
    roomId: 'room-a',
    runId: null,
    notebookName: null,
    skuName: 'SKU',
    trigger,
    at: new Date(at),
    dbu: new D(dbu),
    listCost: new D(costs.listCost ?? '0'),
    partnerCost: new D(costs.partnerCost ?? '0'),
    billed: new D(0),
    billedFrom: 'invoice',
  };
}

const text = (values: readonly Dec[]) => values.map((value) => value.toFixed());
const amountsOf = (parts: readonly RoomPart[] | undefined) =>
  text((parts ?? []).map((part) => part.amount));

/** Spreads the parts, and gives what each cell receives and what comes back. */
function spread(parts: readonly RoomPart[], cells: readonly CostCell[], scale = 2) {
  const { pieces, leftover } = spreadOverCells(parts, cells, scale);
  const billed = cells.map(() => new D(0));
  for (const piece of pieces) billed[piece.cell] = billed[piece.cell].plus(piece.amount);
  return {
    billed: text(billed),
    pieces,
    leftover: leftover.map((part) => [part.amount.toFixed(), part.line.segmentFrom]),
  };
}

/** What a cell weighs for a basis (the weights spreadOverCells documents). */
function weightIn(basis: string, c: CostCell): Dec {
  const zero = new D(0);
  switch (basis) {
    case 'partner_dbu':
    case 'partner_run':
      return c.trigger === 'partner' ? c.dbu : zero;
    case 'customer_dbu':
      return c.trigger === 'customer' ? c.dbu : zero;
    case 'partner_cost':
      return c.trigger === 'partner' ? c.partnerCost : zero;
    case 'partner_list_cost':
      return c.trigger === 'partner' ? c.listCost : zero;
    default:
      return c.dbu;
  }
}

describe('splitOverRooms: each line over its rooms by quantity, to the cent', () => {
  it('gives the cent left by flooring to the largest remainder', () => {
    // 3.20 over 17 : 9. In cents: 320 x 17 = 5440 = 26 x 209 + 6, 320 x 9 = 2880 = 26 x 110 + 20.
    // Floors 209 + 110 = 319, one cent left: b's remainder 20 > a's 6, so b gets it.
    const { byRoom, unroomed } = splitOverRooms(
      [
        line('3.20', [
          ['a', '17'],
          ['b', '9'],
        ]),
      ],
      2,
    );
    expect(amountsOf(byRoom.get('a'))).toEqual(['2.09']);
    expect(amountsOf(byRoom.get('b'))).toEqual(['1.11']);
    expect(unroomed).toEqual([]);
  });

  it('breaks equal remainders by the rooms’ order on the line (the first gets the cent)', () => {
    // 10.00 / 3 = 3.333…: floors 3 x 333 = 999 cents, one left, all remainders equal -> first room.
    const { byRoom } = splitOverRooms(
      [
        line('10.00', [
          ['c', '1'],
          ['a', '1'],
          ['b', '1'],
        ]),
      ],
      2,
    );
    expect(amountsOf(byRoom.get('c'))).toEqual(['3.34']);
    expect(amountsOf(byRoom.get('a'))).toEqual(['3.33']);
    expect(amountsOf(byRoom.get('b'))).toEqual(['3.33']);
  });

  it('splits a credit as the mirror image of a charge', () => {
    // -0.05 over 1 : 1 -> 2.5 cents each: floors 2 + 2, the cent left to the first room.
    const { byRoom } = splitOverRooms(
      [
        line('-0.05', [
          ['a', '1'],
          ['b', '1'],
        ]),
      ],
      2,
    );
    expect(amountsOf(byRoom.get('a'))).toEqual(['-0.03']);
    expect(amountsOf(byRoom.get('b'))).toEqual(['-0.02']);
  });

  it('works at the currency’s own minor unit (JPY: whole yen)', () => {
    // 1001 over 2 : 1 -> 667.33… and 333.66…: floors 667 + 333 = 1000, the yen to b (.66 > .33).
    const { byRoom } = splitOverRooms(
      [
        line('1001', [
          ['a', '2'],
          ['b', '1'],
        ]),
      ],
      0,
    );
    expect(amountsOf(byRoom.get('a'))).toEqual(['667']);
    expect(amountsOf(byRoom.get('b'))).toEqual(['334']);
  });

  it('keeps every line of a room, in line order, each part naming its line', () => {
    const fee = line('20.00', [
      ['a', '1'],
      ['b', '1'],
    ]);
    const usage = line('0.70', [['a', '7']], { basis: 'customer_dbu' });
    const { byRoom } = splitOverRooms([fee, usage], 2);
    expect(byRoom.get('a')?.map((part) => [part.line, part.amount.toFixed()])).toEqual([
      [fee, '10'],
      [usage, '0.7'],
    ]);
    expect(byRoom.get('b')?.map((part) => [part.line, part.amount.toFixed()])).toEqual([
      [fee, '10'],
    ]);
  });

  it('leaves a line without rooms with the customer, dated at its segment’s start', () => {
    const { byRoom, unroomed } = splitOverRooms(
      [line('100.00', [], { basis: 'subscription', segmentFrom: MID_MARCH })],
      2,
    );
    expect(byRoom.size).toBe(0);
    expect(unroomed.map((u) => [u.amount.toFixed(), u.line.segmentFrom])).toEqual([
      ['100', MID_MARCH],
    ]);
  });

  it('leaves with the customer a line whose rooms carry no quantity, or quantities of both signs', () => {
    const { byRoom, unroomed } = splitOverRooms(
      [
        line('4.00', [
          ['a', '0'],
          ['b', '0'],
        ]),
        line('1.50', [
          ['a', '3'],
          ['b', '-1'],
        ]),
      ],
      2,
    );
    expect(byRoom.size).toBe(0);
    expect(unroomed.map((u) => u.amount.toFixed())).toEqual(['4', '1.5']);
  });

  it('drops a zero line without rooms (nothing to carry)', () => {
    const { byRoom, unroomed } = splitOverRooms([line('0.00')], 2);
    expect(byRoom.size).toBe(0);
    expect(unroomed).toEqual([]);
  });

  it('splits rooms whose quantities are all negative (same sign) by their magnitudes', () => {
    // -1.00 over -3 : -1 -> -0.75 and -0.25.
    const { byRoom } = splitOverRooms(
      [
        line('-1.00', [
          ['a', '-3'],
          ['b', '-1'],
        ]),
      ],
      2,
    );
    expect(amountsOf(byRoom.get('a'))).toEqual(['-0.75']);
    expect(amountsOf(byRoom.get('b'))).toEqual(['-0.25']);
  });

  it('adds up to the lines exactly, on random lines (rooms + customer = Σ lines)', () => {
    const lineArb = fc.record({
      cents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      rooms: fc.array(
        fc.tuple(
          fc.constantFrom('a', 'b', 'c', 'd'),
          fc.integer({ min: -5, max: 50 }),
          fc.integer({ min: 0, max: 6 }),
        ),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 6 }), (specs) => {
        const lines = specs.map(({ cents, rooms }) =>
          line(
            new D(cents).dividedBy(100).toFixed(),
            rooms.map(([room, units, scale]): [string, string] => [
              room,
              new D(`${units}e-${scale}`).toFixed(),
            ]),
          ),
        );
        const { byRoom, unroomed } = splitOverRooms(lines, 2);
        const parts = [...byRoom.values()].flat();
        const total = [...parts.map((p) => p.amount), ...unroomed.map((u) => u.amount)].reduce(
          (sum, amount) => sum.plus(amount),
          new D(0),
        );
        expect(total.toFixed()).toBe(
          lines.reduce((sum, l) => sum.plus(l.roundedAmount), new D(0)).toFixed(),
        );
        for (const part of parts) expect(part.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        // Each line's parts add up to the line, or the line is the customer's whole.
        for (const l of lines) {
          const mine = parts.filter((p) => p.line === l);
          if (mine.length === 0) continue;
          const sum = mine.reduce((acc, p) => acc.plus(p.amount), new D(0));
          expect(sum.toFixed()).toBe(l.roundedAmount.toFixed());
        }
      }),
    );
  });
});

describe('spreadOverCells: a room’s parts over its cells by what the basis counts', () => {
  const part = (
    amount: string,
    basis: string,
    segment: { from?: Date; to?: Date } = {},
  ): RoomPart => ({
    line: line(amount, [['room-a', '1']], {
      basis,
      segmentFrom: segment.from ?? MARCH,
      segmentTo: segment.to ?? APRIL,
    }),
    amount: new D(amount),
  });

  /** Two partner cells (6 and 4 DBU), a customer cell (5 DBU), another partner cell (7 DBU). */
  const room = () => [
    cell('2045-03-02T10:00:00Z', 'partner', '6', { listCost: '2.4', partnerCost: '1.8' }),
    cell('2045-03-02T10:00:00Z', 'partner', '4', { listCost: '1', partnerCost: '0.75' }),
    cell('2045-03-05T12:00:00Z', 'customer', '5', { listCost: '2', partnerCost: '0' }),
    cell('2045-03-10T23:00:00Z', 'partner', '7', { listCost: '2.8', partnerCost: '2.1' }),
  ];

  it('partner_dbu: partner DBU only, largest remainder to the cent', () => {
    // 2.09 over 6 : 4 : 0 : 7 (17). In cents: 209x6 = 1254 = 17x73 + 13, 209x4 = 836 = 17x49 + 3,
    // 209x7 = 1463 = 17x86 + 1 -> floors 73 + 49 + 86 = 208; the cent to the first (remainder 13).
    const partnerDbu = part('2.09', 'partner_dbu');
    const result = spread([partnerDbu], room());
    expect(result.billed).toEqual(['0.74', '0.49', '0', '0.86']);
    expect(result.leftover).toEqual([]);
    // One piece per cell with a weight, naming its line (the customer cell weighs no partner DBU:
    // no piece).
    expect(result.pieces.map((p) => [p.line, p.cell, p.amount.toFixed()])).toEqual([
      [partnerDbu.line, 0, '0.74'],
      [partnerDbu.line, 1, '0.49'],
      [partnerDbu.line, 3, '0.86'],
    ]);
  });

  it('partner_run: not over the cells but by run count over the partner runs started in the segment', () => {
    // The same room, with three partner runs started in March (as r1a, r1b, r1c of the cost report
    // scenario) and one started in February. 2.09 over 1 : 1 : 1: 209 / 3 = 69 r 2 cents each,
    // floors 207, the 2 cents to the first two (equal remainders, in order) -> 0.70, 0.70, 0.69.
    // No cell gets any of it, for all their partner DBU.
    const runs = [
      { startedAt: new Date('2045-02-28T23:30:00Z') },
      { startedAt: new Date('2045-03-02T10:00:00Z') },
      { startedAt: new Date('2045-03-02T10:30:00Z') },
      { startedAt: new Date('2045-03-10T23:30:00Z') },
    ];
    const result = spreadRoomParts([part('2.09', 'partner_run')], room(), runs, 2);
    expect(result.onCells).toEqual([]);
    expect(result.onRuns.map((p) => [p.run, p.amount.toFixed()])).toEqual([
      [1, '0.7'],
      [2, '0.7'],
      [3, '0.69'],
    ]);
    expect(result.atRoom).toEqual([]);
  });

  it('customer_dbu: customer DBU only', () => {
    expect(spread([part('0.70', 'customer_dbu')], room()).billed).toEqual(['0', '0', '0.7', '0']);
  });

  it('partner_cost: the partner cost of partner cells', () => {
    // 1.00 over 1.8 : 0.75 : 0 : 2.1 (4.65): 100x1.8/4.65 = 38.70…, 100x0.75/4.65 = 16.12…,
    // 100x2.1/4.65 = 45.16… -> floors 38 + 16 + 45 = 99; the cent to the largest remainder (.70).
    expect(spread([part('1.00', 'partner_cost')], room()).billed).toEqual([
      '0.39',
      '0.16',
      '0',
      '0.45',
    ]);
  });

  it('partner_list_cost: the list cost of partner cells (not the customer’s)', () => {
    // 1.00 over 2.4 : 1 : (customer 2 ignored) : 2.8 (6.2): 38.70…, 16.12…, 45.16… -> same cents.
    expect(spread([part('1.00', 'partner_list_cost')], room()).billed).toEqual([
      '0.39',
      '0.16',
      '0',
      '0.45',
    ]);
  });

  it('room: a per-room fee stays whole on the room, on none of its cells', () => {
    // 10.00 of a room with 22 DBU: no hour or run causes it, so it is not spread by DBU.
    const result = spreadRoomParts([part('10.00', 'room')], room(), [], 2);
    expect(result.onCells).toEqual([]);
    expect(result.onRuns).toEqual([]);
    expect(result.atRoom.map((kept) => [kept.amount.toFixed(), kept.line.segmentFrom])).toEqual([
      ['10', MARCH],
    ]);
  });

  it('any other basis (subscription): every DBU of the room, both triggers', () => {
    // 10.00 over 6 : 4 : 5 : 7 (22): 1000x6/22 = 272.72…, 181.81…, 227.27…, 318.18… cents;
    // floors 272 + 181 + 227 + 318 = 998, two cents to the largest remainders, .81 and .72
    // -> 2.73, 1.82, 2.27, 3.18 (= 10.00).
    expect(spread([part('10.00', 'subscription')], room()).billed).toEqual([
      '2.73',
      '1.82',
      '2.27',
      '3.18',
    ]);
  });

  it('only spreads over the cells of the line’s segment, [from, to)', () => {
    // Segment [03-02T10:00, 03-10T23:00): the two cells of 03-02 and the 03-05 customer cell; the
    // 03-10T23:00 cell is at the exclusive end. 1.00 over partner DBU 6 : 4 -> 0.60, 0.40.
    const segment = {
      from: new Date('2045-03-02T10:00:00Z'),
      to: new Date('2045-03-10T23:00:00Z'),
    };
    expect(spread([part('1.00', 'partner_dbu', segment)], room()).billed).toEqual([
      '0.6',
      '0.4',
      '0',
      '0',
    ]);
  });

  it('spreads every part on its own, the pieces adding up per cell', () => {
    // 2.09 as above; 0.70 all on the customer cell; 0.17 over 6 : 4 : 7 -> 0.06, 0.04, 0.07.
    const result = spread(
      [part('2.09', 'partner_dbu'), part('0.70', 'customer_dbu'), part('0.17', 'partner_dbu')],
      room(),
    );
    expect(result.billed).toEqual(['0.8', '0.53', '0.7', '0.93']);
    expect(result.pieces).toHaveLength(7);
  });

  it('gives back a part the cells cannot carry: no weight for its basis', () => {
    // Only customer cells, a partner_dbu part: no partner DBU to weigh by.
    const result = spread(
      [part('1.23', 'partner_dbu')],
      [cell('2045-03-20T05:00:00Z', 'customer', '3')],
    );
    expect(result.leftover).toEqual([['1.23', MARCH]]);
    expect(result.pieces).toEqual([]);
  });

  it('gives back a part whose segment holds no cell (money of the room from the segment’s start)', () => {
    const result = spread([part('10.00', 'partner_dbu', { from: MID_MARCH, to: APRIL })], room());
    expect(result.leftover).toEqual([['10', MID_MARCH]]);
    expect(result.billed).toEqual(['0', '0', '0', '0']);
  });

  it('gives back a part over weights of both signs (a retraction netting below zero)', () => {
    const result = spread(
      [part('3.00', 'partner_dbu')],
      [cell('2045-03-02T10:00:00Z', 'partner', '5'), cell('2045-03-03T10:00:00Z', 'partner', '-2')],
    );
    expect(result.leftover).toEqual([['3', MARCH]]);
    expect(result.billed).toEqual(['0', '0']);
  });

  it('drops a zero part that nothing can carry, but keeps the zero pieces of cells with weight', () => {
    const result = spread(
      [part('0', 'partner_dbu')],
      [cell('2045-03-20T05:00:00Z', 'customer', '3')],
    );
    expect(result.leftover).toEqual([]);
    expect(result.pieces).toEqual([]);
    // 0.01 over 6 : 4 : 0 : 7 (17): every floor is 0, remainders 6, 4, 0, 7 (of 17): the cent
    // goes to the last cell (7). The first two cells weigh 6 and 4 partner DBU: each still gets
    // its piece, of 0.00; the customer cell weighs nothing for partner_dbu: no piece.
    expect(
      spread([part('0.01', 'partner_dbu')], room()).pieces.map((p) => [p.cell, p.amount.toFixed()]),
    ).toEqual([
      [0, '0'],
      [1, '0'],
      [3, '0.01'],
    ]);
  });

  it('spreads a negative part over negative weights with the same proportions', () => {
    // -1.00 over partner DBU -3 : -1 -> -0.75, -0.25.
    const result = spread(
      [part('-1.00', 'partner_dbu')],
      [
        cell('2045-03-02T10:00:00Z', 'partner', '-3'),
        cell('2045-03-03T10:00:00Z', 'partner', '-1'),
      ],
    );
    expect(result.leftover).toEqual([]);
    expect(result.billed).toEqual(['-0.75', '-0.25']);
  });

  it('adds up exactly on random rooms: pieces + leftover = Σ parts, a piece per cell with weight', () => {
    const bases = [
      'subscription',
      'room',
      'partner_dbu',
      'customer_dbu',
      'partner_cost',
      'partner_list_cost',
      'partner_run',
    ];
    const cellArb = fc
      .record({
        hour: fc.integer({ min: 0, max: 31 * 24 - 1 }),
        partner: fc.boolean(),
        dbu: fc.integer({ min: -20, max: 400 }),
        price: fc.integer({ min: 0, max: 90 }),
      })
      .map(({ hour, partner, dbu, price }) => {
        const list = new D(dbu).times(price).dividedBy(100);
        return cell(
          new Date(MARCH.getTime() + hour * 3_600_000).toISOString(),
          partner ? 'partner' : 'customer',
          new D(dbu).dividedBy(10).toFixed(),
          {
            listCost: list.toFixed(),
            partnerCost: partner ? list.times('0.75').toFixed() : '0',
          },
        );
      });
    const partArb = fc.record({
      cents: fc.integer({ min: -50_000, max: 50_000 }),
      basis: fc.constantFrom(...bases),
      fromDay: fc.integer({ min: 0, max: 30 }),
      days: fc.integer({ min: 1, max: 31 }),
    });
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 12 }),
        fc.array(partArb, { maxLength: 5 }),
        (cells, specs) => {
          const parts = specs.map(({ cents, basis, fromDay, days }) =>
            part(new D(cents).dividedBy(100).toFixed(), basis, {
              from: new Date(MARCH.getTime() + fromDay * 86_400_000),
              to: new Date(MARCH.getTime() + (fromDay + days) * 86_400_000),
            }),
          );
          const { pieces, leftover } = spreadOverCells(parts, cells, 2);
          // Per part: its pieces and its leftover make its amount; pieces land in its segment.
          for (const p of parts) {
            const mine = pieces.filter((piece) => piece.line === p.line);
            const back = leftover.filter((l) => l.line === p.line);
            const total = [...mine, ...back].reduce((sum, x) => sum.plus(x.amount), new D(0));
            expect(total.toFixed()).toBe(p.amount.toFixed());
            for (const piece of mine) {
              const at = cells[piece.cell].at;
              expect(at >= p.line.segmentFrom && at < p.line.segmentTo).toBe(true);
              expect(piece.amount.decimalPlaces()).toBeLessThanOrEqual(2);
            }
            // No cell is in a run here, so a part is spread in one level: either it comes back
            // whole (or, zero, is dropped), or every cell of its segment with a weight gets one
            // piece, even one that rounds to 0.00, and no other cell does.
            if (back.length > 0) expect(mine).toEqual([]);
            if (mine.length > 0) {
              const weighted = cells.flatMap((c, i) =>
                c.at >= p.line.segmentFrom &&
                c.at < p.line.segmentTo &&
                !weightIn(p.line.basis, c).isZero()
                  ? [i]
                  : [],
              );
              expect(mine.map((piece) => piece.cell)).toEqual(weighted);
            }
          }
        },
      ),
    );
  });
});

describe('moneyCell', () => {
  it('is money only: no run, notebook, SKU or trigger, zero usage', () => {
    const money = moneyCell(
      { customerId: 'cust', currency: 'EUR', roomId: null, billedFrom: 'estimate' },
      new D('-0.50'),
      MARCH,
    );
    expect({
      ...money,
      dbu: money.dbu.toFixed(),
      listCost: money.listCost.toFixed(),
      partnerCost: money.partnerCost.toFixed(),
      billed: money.billed.toFixed(),
    }).toEqual({
      customerId: 'cust',
      currency: 'EUR',
      roomId: null,
      billedFrom: 'estimate',
      runId: null,
      notebookName: null,
      skuName: null,
      trigger: null,
      at: MARCH,
      dbu: '0',
      listCost: '0',
      partnerCost: '0',
      billed: '-0.5',
    });
  });
});
