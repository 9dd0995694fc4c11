import { D, type Dec } from '../../../shared/money/decimal';
import { splitLine, type RoomEvidence } from './line-breakdown';

const room = (
  roomId: string,
  weight: string,
  runs: string[],
  outside: string,
  slots: string[],
): RoomEvidence => ({
  roomId,
  weight: new D(weight),
  runs: runs.map((w, i) => ({ runId: `${roomId}-run${i}`, weight: new D(w) })),
  outsideRuns: new D(outside),
  slots: slots.map((w, i) => ({ key: `${roomId}-slot${i}`, weight: new D(w) })),
});
const text = (values: readonly Dec[] | null) => values?.map((value) => value.toString()) ?? null;

describe('splitLine', () => {
  it('splits 27.64 over rooms 600 : 450.25, then runs and slots, each level adding up exactly', () => {
    const split = splitLine(new D('27.64'), 2, [
      room('a', '600', ['100', '400'], '100', ['250', '350']),
      room('b', '450.25', ['450.25'], '0', ['450.25']),
    ]);
    // 27.64 x 600 / 1050.25 = 15.790..., 27.64 x 450.25 / 1050.25 = 11.849...: 15.79 + 11.85.
    expect(split.rooms.map((r) => r.amount.toString())).toEqual(['15.79', '11.85']);
    // 15.79 over 100 : 400 : 100 = 2.632 / 10.527 / 2.632 -> 2.63, 10.53, 2.63.
    expect(text(split.rooms[0].runs)).toEqual(['2.63', '10.53']);
    expect(split.rooms[0].outsideRuns?.toString()).toBe('2.63');
    // 15.79 over 250 : 350 = 6.579 / 9.211 -> 6.58, 9.21.
    expect(text(split.rooms[0].slots)).toEqual(['6.58', '9.21']);
    expect(split.unattributed.toString()).toBe('0');
  });

  it('leaves a period fee unattributed: no room stands behind it', () => {
    expect(splitLine(new D('2500'), 2, [])).toEqual({ rooms: [], unattributed: new D('2500') });
  });

  it('gives no run split when runs and retractions mix signs, but still splits the room', () => {
    const split = splitLine(new D('10'), 2, [room('a', '5', ['-1', '6'], '0', ['5'])]);
    expect(split.rooms[0]).toMatchObject({ runs: null, outsideRuns: null });
    expect(text(split.rooms[0].slots)).toEqual(['10']);
  });
});
