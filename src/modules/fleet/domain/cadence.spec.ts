import { medianGapMs, roomCadence, roomStatus } from './cadence';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('medianGapMs', () => {
  it.each([
    // Fewer than three starts: fewer than two gaps, no cadence.
    [[], null],
    [['2044-01-01T00:00:00Z', '2044-01-02T00:00:00Z'], null],
    // Gaps 24 h and 48 h (given newest first): even count, the mean of the two = 36 h.
    [['2044-01-04T00:00:00Z', '2044-01-02T00:00:00Z', '2044-01-01T00:00:00Z'], 36 * HOUR],
    // Gaps 1 h, 2 h, 10 h: the middle one, 2 h.
    [
      [
        '2044-01-01T00:00:00Z',
        '2044-01-01T01:00:00Z',
        '2044-01-01T03:00:00Z',
        '2044-01-01T13:00:00Z',
      ],
      2 * HOUR,
    ],
  ])('%j → %p', (starts, expected) => {
    expect(medianGapMs(starts.map(at))).toBe(expected);
  });
});

describe('roomCadence', () => {
  const starts = ['2044-01-03T00:00:00Z', '2044-01-02T00:00:00Z', '2044-01-01T00:00:00Z'].map(at);

  it('takes the registered interval over the observed one', () => {
    expect(roomCadence(6, starts)).toEqual({ ms: 6 * HOUR, source: 'expected' });
  });

  it('observes the median gap otherwise, and has none from too few runs', () => {
    expect(roomCadence(null, starts)).toEqual({ ms: 24 * HOUR, source: 'observed' });
    expect(roomCadence(null, starts.slice(0, 2))).toBeNull();
  });
});

describe('roomStatus', () => {
  const now = at('2044-01-10T00:00:00Z');
  const daily = { ms: 24 * HOUR, source: 'observed' as const };

  it.each([
    ['never ran', null, daily, 0, 'no_runs'],
    // 36 h since the last start against 24 h: exactly 3/2, still on schedule.
    ['at 1.5 × cadence', '2044-01-08T12:00:00Z', daily, 3, 'on_schedule'],
    // 36 h + 1 ms: beyond 3/2.
    ['just beyond', '2044-01-08T11:59:59.999Z', daily, 3, 'overdue'],
    ['no cadence, ran lately', '2044-01-09T00:00:00Z', null, 2, 'irregular'],
    ['no cadence, nothing in 30 days', '2043-11-01T00:00:00Z', null, 0, 'idle'],
  ])('%s', (_label, last, cadence, recent, expected) => {
    const recentStarts = Array.from({ length: recent }, () => now);
    expect(
      roomStatus({
        lastRunAt: last === null ? null : at(last),
        now,
        cadence: cadence,
        recentStarts,
      }),
    ).toBe(expected);
  });
});
