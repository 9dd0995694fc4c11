import fc from 'fast-check';
import { D, type Dec } from '../../../shared/money/decimal';
import type { CleanRoomRun } from '../../usage/domain/run';
import { allocateHour } from '../../usage/domain/run-allocation';
import type { CostCell } from './cost-cell';
import { splitOverRuns } from './run-split';

const HOUR = 3_600_000;
const BASE = Date.UTC(2045, 2, 2, 10);
const iso = (ms: number) => new Date(ms).toISOString();

function cell(
  at: string,
  dbu: string,
  fields: Partial<Omit<CostCell, 'at' | 'dbu'>> = {},
): CostCell {
  return {
    customerId: 'cust',
    currency: 'USD',
    roomId: 'room',
    runId: null,
    notebookName: null,
    skuName: 'SKU_A',
    trigger: 'partner',
    at: new Date(at),
    dbu: new D(dbu),
    listCost: new D(dbu).times('0.4'),
    partnerCost: new D(dbu).times('0.3'),
    billed: new D(0),
    billedFrom: 'invoice',
    ...fields,
  };
}

function run(
  runId: string,
  startedAt: string | null,
  endedAt: string | null,
  notebookName: string | null = `nb-${runId}`,
): CleanRoomRun {
  return {
    roomId: 'room',
    runId,
    notebookName,
    notebookEtag: null,
    initiator: null,
    state: endedAt === null ? null : 'SUCCESS',
    startedAt: startedAt === null ? null : new Date(startedAt),
    endedAt: endedAt === null ? null : new Date(endedAt),
  };
}

/** What a test compares: every field, decimals as their plain text. */
function view(cells: readonly CostCell[]) {
  const t = (value: Dec) => value.toFixed();
  return cells.map((c) => ({
    ...c,
    at: c.at.toISOString(),
    dbu: t(c.dbu),
    listCost: t(c.listCost),
    partnerCost: t(c.partnerCost),
    billed: t(c.billed),
  }));
}

/**
 * The per-hour reference: every cell (in hour order) against every run, as the old
 * allocateRoomHours did, with the cell's fields kept and its measures replaced by each share.
 */
function reference(cells: readonly CostCell[], runs: readonly CleanRoomRun[]) {
  const notebooks = new Map(runs.map((r) => [r.runId, r.notebookName]));
  const byHour = [...cells].sort((a, b) => a.at.getTime() - b.at.getTime());
  return byHour.flatMap((c) => {
    const allocation = allocateHour({
      hourStart: c.at,
      hourEnd: new Date(c.at.getTime() + HOUR),
      dbu: c.dbu,
      listCost: c.listCost,
      partnerCost: c.partnerCost,
      runs,
    });
    if (allocation.byRun.length === 0) return [c];
    return allocation.byRun.map((share) => ({
      ...c,
      runId: share.runId,
      notebookName: notebooks.get(share.runId) ?? null,
      dbu: share.dbu,
      listCost: share.listCost,
      partnerCost: share.partnerCost,
    }));
  });
}

const sum = (values: readonly Dec[]) => values.reduce((acc, v) => acc.plus(v), new D(0));

describe('splitOverRuns: a room’s cells over its runs', () => {
  it('splits an hour between overlapping runs by their time in it', () => {
    // Hour 10:00-11:00: run a 10:00-10:45 (45 min), run b 10:30-11:30 (30 min in it): 3 : 2.
    // 10 DBU -> 6 + 4; list cost 4 -> 2.4 + 1.6; partner cost 3 -> 1.8 + 1.2.
    // The customer cell of the same hour (4 DBU, SKU_B) splits the same way: 2.4 + 1.6.
    const out = splitOverRuns(
      [
        cell('2045-03-02T10:00:00Z', '10'),
        cell('2045-03-02T10:00:00Z', '4', {
          trigger: 'customer',
          skuName: 'SKU_B',
          listCost: new D(1),
          partnerCost: new D(0),
        }),
      ],
      [
        run('b', '2045-03-02T10:30:00Z', '2045-03-02T11:30:00Z'),
        run('a', '2045-03-02T10:00:00Z', '2045-03-02T10:45:00Z'),
      ],
    );
    expect(
      view(out).map((c) => [c.runId, c.notebookName, c.skuName, c.dbu, c.listCost, c.partnerCost]),
    ).toEqual([
      ['a', 'nb-a', 'SKU_A', '6', '2.4', '1.8'],
      ['b', 'nb-b', 'SKU_A', '4', '1.6', '1.2'],
      ['a', 'nb-a', 'SKU_B', '2.4', '0.6', '0'],
      ['b', 'nb-b', 'SKU_B', '1.6', '0.4', '0'],
    ]);
  });

  it('gives a whole hour to the only run in it, however briefly it ran', () => {
    // Run c 23:30-00:30 is the only run in the 23:00 hour: all 7 DBU.
    const out = splitOverRuns(
      [cell('2045-03-10T23:00:00Z', '7')],
      [run('c', '2045-03-10T23:30:00Z', '2045-03-11T00:30:00Z')],
    );
    expect(view(out).map((c) => [c.runId, c.dbu])).toEqual([['c', '7']]);
  });

  it('keeps the usage of an hour no run overlaps whole, without a run', () => {
    const only = cell('2045-03-20T05:00:00Z', '3');
    const out = splitOverRuns(
      [only],
      [
        run('before', '2045-03-20T03:00:00Z', '2045-03-20T04:59:59.999Z'),
        run('after', '2045-03-20T06:00:00Z', '2045-03-20T07:00:00Z'),
      ],
    );
    expect(view(out)).toEqual(view([only]));
  });

  it('a run ending exactly at an hour’s end has that hour, not the next', () => {
    // Run d 09:00-10:00 covers the 09:00 hour; run e starts at 10:00 exactly: the 10:00 hour is e's.
    const out = splitOverRuns(
      [cell('2045-03-18T09:00:00Z', '12'), cell('2045-03-18T10:00:00Z', '5')],
      [
        run('d', '2045-03-18T09:00:00Z', '2045-03-18T10:00:00Z'),
        run('e', '2045-03-18T10:00:00Z', '2045-03-18T10:20:00Z'),
      ],
    );
    expect(view(out).map((c) => [c.at, c.runId, c.dbu])).toEqual([
      ['2045-03-18T09:00:00.000Z', 'd', '12'],
      ['2045-03-18T10:00:00.000Z', 'e', '5'],
    ]);
  });

  it('carries an open run (not completed) into every later hour', () => {
    // Run f started 08:15 and has not ended; run g 11:00-11:15 shares the 11:00 hour 60 : 15 = 4 : 1.
    const out = splitOverRuns(
      [
        cell('2045-03-04T13:00:00Z', '2'),
        cell('2045-03-04T08:00:00Z', '9'),
        cell('2045-03-04T11:00:00Z', '5'),
      ],
      [
        run('g', '2045-03-04T11:00:00Z', '2045-03-04T11:15:00Z'),
        run('f', '2045-03-04T08:15:00Z', null),
      ],
    );
    expect(view(out).map((c) => [c.at.slice(11, 16), c.runId, c.dbu])).toEqual([
      ['08:00', 'f', '9'],
      ['11:00', 'f', '4'],
      ['11:00', 'g', '1'],
      ['13:00', 'f', '2'],
    ]);
  });

  it('ignores runs outside the cells’ hours, runs with no start, and runs that end before they start', () => {
    const cells = [cell('2045-03-05T12:00:00Z', '8')];
    const out = splitOverRuns(cells, [
      run('long-ago', '2045-02-01T00:00:00Z', '2045-02-01T01:00:00Z'),
      run('later', '2045-03-06T00:00:00Z', '2045-03-06T01:00:00Z'),
      run('no-start', null, '2045-03-05T12:30:00Z'),
      run('inverted', '2045-03-05T12:40:00Z', '2045-03-05T12:10:00Z'),
    ]);
    expect(view(out)).toEqual(view(cells));
  });

  it('splits to 18 decimals by largest remainder, the parts adding up exactly', () => {
    // 1 DBU over 20 min : 40 min = 1 : 2 -> 0.333… and 0.666…: floors leave 1e-18, which goes
    // to the larger remainder (0.666…'s), so 0.333333333333333333 + 0.666666666666666667 = 1.
    const out = splitOverRuns(
      [cell('2045-03-07T08:00:00Z', '1', { listCost: new D(0), partnerCost: new D(0) })],
      [
        run('h', '2045-03-07T08:00:00Z', '2045-03-07T08:20:00Z'),
        run('i', '2045-03-07T08:20:00Z', '2045-03-07T09:00:00Z'),
      ],
    );
    expect(view(out).map((c) => [c.runId, c.dbu])).toEqual([
      ['h', '0.333333333333333333'],
      ['i', '0.666666666666666667'],
    ]);
  });

  it('keeps a run’s notebook null when the run has none', () => {
    const out = splitOverRuns(
      [cell('2045-03-07T08:00:00Z', '1')],
      [run('j', '2045-03-07T07:00:00Z', '2045-03-07T09:00:00Z', null)],
    );
    expect(out.map((c) => [c.runId, c.notebookName])).toEqual([['j', null]]);
  });

  describe('equals the per-hour reference on random histories', () => {
    const minutes = (lo: number, hi: number) =>
      fc.oneof(
        fc.integer({ min: lo * 60_000, max: hi * 60_000 }),
        // On quarter hours, so runs often start or end exactly at an hour's bounds.
        fc.integer({ min: lo / 15, max: hi / 15 }).map((q) => q * 15 * 60_000),
      );
    const runsArb = fc
      .array(
        fc.record({
          start: fc.option(minutes(-180, 720), { freq: 8 }),
          length: fc.option(minutes(-60, 300), { freq: 6 }),
          notebook: fc.constantFrom('nb-1', 'nb-2', null),
        }),
        { maxLength: 12 },
      )
      .map((specs) =>
        specs.map(({ start, length, notebook }, i) =>
          run(
            `run-${i}`,
            start === null ? null : iso(BASE + start),
            start === null || length === null ? null : iso(BASE + start + length),
            notebook,
          ),
        ),
      );
    const cellsArb = fc.array(
      fc
        .record({
          hour: fc.integer({ min: -2, max: 12 }),
          units: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
          scale: fc.integer({ min: 0, max: 18 }),
          customer: fc.boolean(),
          sku: fc.constantFrom('SKU_A', 'SKU_B'),
        })
        .map(({ hour, units, scale, customer, sku }) =>
          cell(iso(BASE + hour * HOUR), new D(`${units.toString()}e-${scale}`).toFixed(), {
            trigger: customer ? 'customer' : 'partner',
            skuName: sku,
          }),
        ),
      { maxLength: 20 },
    );

    it('cell for cell, decimal for decimal', () => {
      fc.assert(
        fc.property(cellsArb, runsArb, (cells, runs) => {
          expect(view(splitOverRuns(cells, runs))).toEqual(view(reference(cells, runs)));
        }),
        { numRuns: 300 },
      );
    });

    it('sums exactly to the cells, per hour, SKU and trigger, for every measure', () => {
      fc.assert(
        fc.property(cellsArb, runsArb, (cells, runs) => {
          const out = splitOverRuns(cells, runs);
          const key = (c: CostCell) => `${c.at.toISOString()} ${c.skuName} ${c.trigger}`;
          for (const measure of ['dbu', 'listCost', 'partnerCost'] as const) {
            const totals = (list: readonly CostCell[]) => {
              const map = new Map<string, Dec>();
              for (const c of list) map.set(key(c), (map.get(key(c)) ?? new D(0)).plus(c[measure]));
              return new Map([...map].map(([k, v]) => [k, v.toFixed()]));
            };
            expect(totals(out)).toEqual(totals(cells));
            expect(sum(out.map((c) => c[measure])).toFixed()).toBe(
              sum(cells.map((c) => c[measure])).toFixed(),
            );
          }
          // A share names a run that overlaps the cell's hour, and a cell keeps its other fields.
          for (const c of out) {
            if (c.runId === null) continue;
            const r = runs.find((x) => x.runId === c.runId);
            expect(r?.startedAt).not.toBeNull();
            const start = r?.startedAt?.getTime() ?? Infinity;
            const end = r?.endedAt?.getTime() ?? Infinity;
            expect(start < c.at.getTime() + HOUR && end > c.at.getTime() && end > start).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
