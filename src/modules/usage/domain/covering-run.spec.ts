import fc from 'fast-check';
import { dominantRun } from './covering-run';
import type { CleanRoomRun } from './run';
import { runOverlapMs } from './run-allocation';

const at = (time: string): Date => new Date(`2025-06-03T${time}Z`);
const run = (runId: string, start: string | null, end: string | null): CleanRoomRun => ({
  roomId: 'room',
  runId,
  notebookName: null,
  notebookEtag: null,
  initiator: `party-of-${runId}`,
  state: null,
  startedAt: start === null ? null : at(start),
  endedAt: end === null ? null : at(end),
});
const hourStart = at('10:00:00.000');
const hourEnd = at('11:00:00.000');

describe('dominantRun', () => {
  it.each([
    // A overlaps 47m55.488s, B 30m.
    [
      'largest overlap wins',
      [run('B', '09:30:00.000', '10:30:00.000'), run('A', '10:12:04.512', '11:20:41.090')],
      'A',
    ],
    [
      'open-ended run covering the whole hour',
      [run('open', '09:00:00.000', null), run('short', '10:10:00.000', '10:50:00.000')],
      'open',
    ],
    [
      'tie on overlap -> earliest startedAt',
      [run('late', '10:30:00.000', '11:30:00.000'), run('early', '09:30:00.000', '10:30:00.000')],
      'early',
    ],
    [
      'tie on overlap and start -> smallest runId',
      [run('r2', '10:00:00.000', '10:30:00.000'), run('r1', '10:00:00.000', '10:30:00.000')],
      'r1',
    ],
    [
      'a 1 ms overlap beats none',
      [run('edge', '10:59:59.999', null), run('before', '09:00:00.000', '10:00:00.000')],
      'edge',
    ],
    ['no runs', [], null],
    [
      'runs ending at hourStart or starting at hourEnd do not cover it',
      [run('x', '09:00:00.000', '10:00:00.000'), run('y', '11:00:00.000', null)],
      null,
    ],
    ['run without a start', [run('x', null, '10:30:00.000')], null],
  ])('%s', (_, runs, expected) => {
    expect(dominantRun(hourStart, hourEnd, runs)?.runId ?? null).toBe(expected);
  });

  it('returns the run object itself (so its initiator can be read)', () => {
    const runs = [run('A', '10:00:00.000', null)];
    expect(dominantRun(hourStart, hourEnd, runs)).toBe(runs[0]);
  });

  it('property: the winner has the largest overlap and does not depend on input order', () => {
    const base = hourStart.getTime();
    const runsArb = fc
      .array(
        fc.record({
          start: fc.option(fc.integer({ min: -7_200_000, max: 7_200_000 })),
          length: fc.option(fc.integer({ min: 0, max: 7_200_000 })),
        }),
        { maxLength: 6 },
      )
      .map((specs) =>
        specs.map(({ start, length }, i) => ({
          ...run(`run-${i}`, null, null),
          startedAt: start === null ? null : new Date(base + start),
          endedAt: start === null || length === null ? null : new Date(base + start + length),
        })),
      );
    fc.assert(
      fc.property(
        runsArb.chain((runs) =>
          fc.tuple(fc.constant(runs), fc.shuffledSubarray(runs, { minLength: runs.length })),
        ),
        ([runs, shuffled]) => {
          const winner = dominantRun(hourStart, hourEnd, runs);
          const overlaps = runs.map((r) => runOverlapMs(r, hourStart, hourEnd));
          const best = Math.max(0, ...overlaps);
          if (best === 0) {
            expect(winner).toBeNull();
          } else {
            expect(winner && runOverlapMs(winner, hourStart, hourEnd)).toBe(best);
          }
          expect(dominantRun(hourStart, hourEnd, shuffled)).toBe(winner);
        },
      ),
    );
  });
});
