import { D, type Dec } from '../../../shared/money/decimal';
import type { CleanRoomRun } from './run';
import { allocateHour, allocateRoomHours, runOverlapMs } from './run-allocation';

const at = (iso: string): Date => new Date(`2025-06-03T${iso}Z`);
const run = (runId: string, start: string | null, end: string | null): CleanRoomRun => ({
  roomId: 'room',
  runId,
  notebookName: null,
  notebookEtag: null,
  initiator: null,
  state: null,
  startedAt: start === null ? null : at(start),
  endedAt: end === null ? null : at(end),
});
const measures = (dbu: string, listCost: string, partnerCost: string) => ({
  dbu: new D(dbu),
  listCost: new D(listCost),
  partnerCost: new D(partnerCost),
});
/** Plain strings make the expectations exact and readable. */
const text = (m: { dbu: Dec; listCost: Dec; partnerCost: Dec }) => [
  m.dbu.toString(),
  m.listCost.toString(),
  m.partnerCost.toString(),
];

const hour = { hourStart: at('10:00:00.000'), hourEnd: at('11:00:00.000') };
const runA = run('A', '10:12:04.512', '11:20:41.090');
const runB = run('B', '09:30:00.000', '10:30:00.000');

describe('runOverlapMs', () => {
  it.each([
    ['A: 10:12:04.512 to the end of the hour', runA, 2875488],
    ['B: start of the hour to 10:30', runB, 1800000],
    ['open-ended run started before the hour', run('C', '09:00:00.000', null), 3600000],
    ['open-ended run started in the hour', run('C', '10:59:59.999', null), 1],
    [
      'run ending exactly at hourStart (exclusive end)',
      run('C', '09:00:00.000', '10:00:00.000'),
      0,
    ],
    ['run starting exactly at hourEnd', run('C', '11:00:00.000', null), 0],
    ['run with no start', run('C', null, '10:30:00.000'), 0],
    ['run ending before it starts', run('C', '10:40:00.000', '10:20:00.000'), 0],
  ])('%s', (_, r, expected) => {
    expect(runOverlapMs(r, hour.hourStart, hour.hourEnd)).toBe(expected);
  });
});

describe('allocateHour', () => {
  // Weights 2875488 : 1800000 ms (sum 4675488). DBU 1.842275 = 1842275000000000000e-18:
  //   A exact 1133023901505040757.2428..., B exact 709251098494959242.7571... units;
  //   floors sum to 1842274999999999999, the one leftover unit goes to B (larger remainder).
  // List 0.64479625 (DBU x 0.35): A 396558365526764265.0350..., B 248237884473235734.9649...
  //   -> B gets the leftover unit.
  // Partner cost with 36 decimals splits at 36 (computed the same way at 10^-36).
  it.each([
    {
      name: 'positive hour',
      values: measures('1.842275', '0.64479625', '0.644796250000000000123456789012345678'),
      a: ['1.133023901505040757', '0.396558365526764265', '0.396558365526764265110935695979442541'],
      b: ['0.709251098494959243', '0.248237884473235735', '0.248237884473235735012521093032903137'],
    },
    {
      name: 'net retraction (mirror image)',
      values: measures('-1.842275', '-0.64479625', '-0.644796250000000000123456789012345678'),
      a: [
        '-1.133023901505040757',
        '-0.396558365526764265',
        '-0.396558365526764265110935695979442541',
      ],
      b: [
        '-0.709251098494959243',
        '-0.248237884473235735',
        '-0.248237884473235735012521093032903137',
      ],
    },
  ])('splits a $name between A and B by time in the hour', ({ values, a, b }) => {
    const result = allocateHour({ ...hour, ...values, runs: [runA, runB] });
    // Sorted by startedAt: B (09:30) before A.
    expect(result.byRun.map((s) => [s.runId, s.overlapMs])).toEqual([
      ['B', 1800000],
      ['A', 2875488],
    ]);
    expect(text(result.byRun[1])).toEqual(a);
    expect(text(result.byRun[0])).toEqual(b);
    expect(text(result.unallocated)).toEqual(['0', '0', '0']);
  });

  it('gives nothing to runs that do not overlap, and all to the one that does', () => {
    const result = allocateHour({
      ...hour,
      ...measures('2.5', '0.875', '0.7'),
      runs: [run('early', '08:00:00.000', '10:00:00.000'), run('open', '10:45:00.000', null)],
    });
    expect(result.byRun).toHaveLength(1);
    expect(result.byRun[0].runId).toBe('open');
    expect(text(result.byRun[0])).toEqual(['2.5', '0.875', '0.7']);
  });

  it.each([
    ['no runs', []],
    ['only runs outside the hour', [run('x', '11:00:00.000', '12:00:00.000')]],
    ['only a run without a start', [run('x', null, null)]],
  ])('leaves everything unallocated with %s', (_, runs) => {
    const result = allocateHour({ ...hour, ...measures('-0.25', '-0.1', '-0.08'), runs });
    expect(result.byRun).toEqual([]);
    expect(text(result.unallocated)).toEqual(['-0.25', '-0.1', '-0.08']);
  });

  it('splits equal overlaps deterministically, the extra unit to the earlier run', () => {
    const runs = [
      run('z', '10:00:00.000', '10:20:00.000'),
      run('y', '10:20:00.000', '10:40:00.000'),
      run('x', '10:40:00.000', '11:00:00.000'),
    ];
    const result = allocateHour({ ...hour, ...measures('1', '0', '0.000000000000000002'), runs });
    expect(result.byRun.map((s) => [s.runId, s.dbu.toString(), s.partnerCost.toString()])).toEqual([
      ['z', '0.333333333333333334', '0.000000000000000001'],
      ['y', '0.333333333333333333', '0.000000000000000001'],
      ['x', '0.333333333333333333', '0'],
    ]);
  });

  it('refuses duplicate run ids and inverted or invalid windows', () => {
    const values = measures('1', '1', '1');
    expect(() => allocateHour({ ...hour, ...values, runs: [runA, runA] })).toThrow(
      /Duplicate run id A/,
    );
    expect(() =>
      allocateHour({ hourStart: hour.hourEnd, hourEnd: hour.hourStart, ...values, runs: [] }),
    ).toThrow(/Invalid usage window/);
    expect(() =>
      allocateHour({ ...hour, hourStart: new Date('nope'), ...values, runs: [] }),
    ).toThrow(/Invalid usage window/);
    expect(() => allocateHour({ ...hour, ...values, dbu: new D(NaN), runs: [runA] })).toThrow(
      /dbu/,
    );
  });
});

describe('allocateRoomHours', () => {
  it('sums shares per run over the hours and keeps what no run covers', () => {
    const hours = [
      { ...hour, ...measures('1.842275', '0.64479625', '0.5') },
      // 11:00-12:00: A covers 20m41.090s alone.
      {
        hourStart: at('11:00:00.000'),
        hourEnd: at('12:00:00.000'),
        ...measures('0.3', '0.105', '0.1'),
      },
      // 12:00-13:00: no run.
      {
        hourStart: at('12:00:00.000'),
        hourEnd: at('13:00:00.000'),
        ...measures('0.01', '0.0035', '0.003'),
      },
      // A retraction of part of the first hour.
      { ...hour, ...measures('-0.5', '-0.175', '-0.1') },
    ];
    const result = allocateRoomHours(hours, [runA, runB, run('later', '14:00:00.000', null)]);
    expect(result.byRun.map((s) => [s.runId, s.overlapMs])).toEqual([
      ['B', 1800000 * 2],
      ['A', 2875488 * 2 + 1241090],
    ]);
    // The -0.5 retraction splits 2875488 : 1800000 like the first hour: A exact
    //   -307506724431759850.52..., B -192493275568240149.47... units of 10^-18; the leftover unit
    //   goes to A (remainder .52 > .47): A -0.307506724431759851, B -0.192493275568240149.
    const a = result.byRun[1];
    const b = result.byRun[0];
    const sumOf = (f: (m: { dbu: Dec; listCost: Dec; partnerCost: Dec }) => Dec): string =>
      f(a).plus(f(b)).plus(f(result.unallocated)).toString();
    expect(sumOf((m) => m.dbu)).toBe('1.652275');
    expect(sumOf((m) => m.listCost)).toBe('0.57829625');
    expect(sumOf((m) => m.partnerCost)).toBe('0.503');
    expect(text(result.unallocated)).toEqual(['0.01', '0.0035', '0.003']);
    // A: 1.133023901505040757 + 0.3 - 0.307506724431759851.
    // B: 0.709251098494959243 - 0.192493275568240149.
    expect(a.dbu.toString()).toBe('1.125517177073280906');
    expect(b.dbu.toString()).toBe('0.516757822926719094');
  });

  it('returns nothing allocated for no hours', () => {
    const result = allocateRoomHours([], [runA]);
    expect(result.byRun).toEqual([]);
    expect(text(result.unallocated)).toEqual(['0', '0', '0']);
  });
});
