import fc from 'fast-check';
import type { CleanRoomEvent } from './clean-room-event';
import type { CleanRoomRun } from './run';
import { type AssembledRun, assembleRuns, isStartInferred, mergeRunEvent } from './run-assembly';

const ROOM = 'b3f6c0de-0000-4000-8000-000000000001';
const PARTY = 'aws:us-east-1:11111111-2222-3333-4444-555555555555';
const at = (iso: string): Date => new Date(iso);
const T11 = '2025-06-03T11:00:00.000Z';

function event(overrides: Partial<CleanRoomEvent>): CleanRoomEvent {
  return {
    eventId: 'e',
    accountId: null,
    metastoreId: null,
    cleanRoomName: 'room',
    roomId: ROOM,
    initiator: null,
    initiatorAlias: null,
    eventTime: at('2025-06-03T10:00:00.000Z'),
    eventType: 'RUN_NOTEBOOK_STARTED',
    runId: 'run-1',
    notebookName: null,
    notebookEtag: null,
    runState: null,
    durationSeconds: null,
    extra: {},
    ...overrides,
  };
}

const started = event({
  eventId: 's1',
  eventTime: at('2025-06-03T10:12:04.512Z'),
  notebookName: 'match.ipynb',
  notebookEtag: 'etag-7',
  initiator: PARTY,
});
const completed = event({
  eventId: 'c1',
  eventType: 'RUN_NOTEBOOK_COMPLETED',
  eventTime: at('2025-06-03T11:20:41.090Z'),
  notebookName: 'match.ipynb',
  runState: 'SUCCESS',
  durationSeconds: '4116.5',
});
const full: AssembledRun = {
  roomId: ROOM,
  runId: 'run-1',
  notebookName: 'match.ipynb',
  notebookEtag: 'etag-7',
  initiator: PARTY,
  state: 'SUCCESS',
  startedAt: at('2025-06-03T10:12:04.512Z'),
  endedAt: at('2025-06-03T11:20:41.090Z'),
  startInferred: false,
};

const bareStarted = { ...started, notebookName: null, notebookEtag: null, initiator: null };
const bareCompleted = { ...completed, notebookName: null, runState: null, initiator: null };
const fold = (events: CleanRoomEvent[]): CleanRoomRun | null =>
  events.reduce<CleanRoomRun | null>((run, e) => mergeRunEvent(run, e), null);

describe('mergeRunEvent', () => {
  it.each([
    ['STARTED then COMPLETED', [started, completed]],
    ['COMPLETED before STARTED', [completed, started]],
    ['replayed STARTED', [started, started, completed]],
    ['replayed everything, shuffled', [completed, started, completed, started]],
    ['later nulls never erase', [started, completed, bareCompleted, bareStarted]],
    ['earlier nulls are filled', [bareCompleted, bareStarted, completed, started]],
    [
      'stale COMPLETED: latest end wins',
      [started, completed, { ...completed, eventTime: at(T11) }],
    ],
    [
      'duplicate STARTED: earliest start wins',
      [started, completed, { ...started, eventTime: at(T11) }],
    ],
    ['lower-case event type', [{ ...started, eventType: 'run_notebook_started' }, completed]],
  ])('%s gives the same run', (_, events) => {
    expect(fold(events)).toEqual(full);
  });

  it.each([
    // 11:20:41.090 - 4116.5 s = 10:12:04.590
    ['4116.5', '2025-06-03T10:12:04.590Z'],
    ['60', '2025-06-03T11:19:41.090Z'],
    ['0', '2025-06-03T11:20:41.090Z'],
    // 1.5 ms rounds half up to 2 ms; 0.4 ms rounds to 0.
    ['0.0015', '2025-06-03T11:20:41.088Z'],
    ['0.0004', '2025-06-03T11:20:41.090Z'],
    ['2875.48849999999999999999', '2025-06-03T10:32:45.602Z'],
  ])('COMPLETED alone with duration %s infers startedAt %s', (duration, expected) => {
    const run = mergeRunEvent(null, { ...completed, durationSeconds: duration });
    expect(run?.startedAt).toEqual(at(expected));
    expect(run !== null && isStartInferred(run)).toBe(true);
  });

  it.each([[null], ['abc'], ['-5'], ['1e3'], ['']])(
    'COMPLETED with duration %p leaves startedAt unknown',
    (duration) => {
      const run = mergeRunEvent(null, { ...completed, durationSeconds: duration });
      expect(run).toMatchObject({ startedAt: null, startInferred: false, state: 'SUCCESS' });
    },
  );

  it('a later STARTED overrides an inferred start, even if later than the estimate', () => {
    const early = mergeRunEvent(null, { ...completed, durationSeconds: '9999' });
    expect(mergeRunEvent(early, started)).toEqual(full);
  });

  it('a COMPLETED does not move a start known from STARTED; no COMPLETED = open-ended', () => {
    expect(mergeRunEvent(null, started)).toEqual({ ...full, state: null, endedAt: null });
    const run = fold([started, { ...completed, durationSeconds: '1' }]);
    expect(run?.startedAt).toEqual(started.eventTime);
    expect(run !== null && isStartInferred(run)).toBe(false);
  });

  it('COMPLETED fills initiator and notebook only where STARTED did not', () => {
    const fromCompleted = { ...completed, initiator: 'gcp:x:y', notebookName: 'other.ipynb' };
    const noNames = { ...started, notebookName: null, initiator: null };
    expect(fold([noNames, fromCompleted])).toMatchObject({
      initiator: 'gcp:x:y',
      notebookName: 'other.ipynb',
    });
    for (const order of [
      [fromCompleted, started],
      [started, fromCompleted],
    ]) {
      expect(fold(order)).toMatchObject({ initiator: PARTY, notebookName: 'match.ipynb' });
    }
  });

  it.each([
    ['CLEAN_ROOM_CREATED', 'run-1'],
    ['ASSET_REVIEW_CREATED', 'run-1'],
    ['RUN_NOTEBOOK_STARTED', null],
  ])('ignores %s / run id %p', (eventType, runId) => {
    const current = fold([started]);
    expect(mergeRunEvent(current, event({ eventType, runId }))).toBe(current);
    expect(mergeRunEvent(null, event({ eventType, runId }))).toBeNull();
  });

  it('refuses an event of another run or room', () => {
    const current = fold([started]);
    expect(() => mergeRunEvent(current, { ...completed, runId: 'run-2' })).toThrow(/run-2/);
    expect(() => mergeRunEvent(current, { ...completed, roomId: 'other' })).toThrow(/other/);
  });

  it('keeps a plain CleanRoomRun start as observed', () => {
    const plain: CleanRoomRun = { ...full, endedAt: null, state: null };
    expect(isStartInferred(plain)).toBe(false);
    const later = mergeRunEvent(plain, { ...completed, durationSeconds: '1' });
    expect(later?.startedAt).toEqual(full.startedAt);
  });
});

describe('assembleRuns', () => {
  it('groups by room and run id, sorted by room, start, run id', () => {
    const runs = assembleRuns([
      completed,
      { ...started, roomId: 'a-room', eventId: 's2' },
      { ...started, runId: 'run-0', eventTime: at('2025-06-03T11:00:00.000Z'), eventId: 's3' },
      started,
      event({ eventType: 'CLEAN_ROOM_CREATED', runId: null }),
    ]);
    expect(runs.map((r) => [r.roomId, r.runId])).toEqual([
      ['a-room', 'run-1'],
      [ROOM, 'run-1'],
      [ROOM, 'run-0'],
    ]);
    expect(runs[1]).toEqual(full);
    expect(runs[0]).toMatchObject({ roomId: 'a-room', endedAt: null });
    expect(assembleRuns([event({ eventType: 'CLEAN_ROOM_DELETED' })])).toEqual([]);
  });

  it('property: any order, with any replays, gives the same runs', () => {
    const second = { ...started, runId: 'run-2', eventId: 's9', notebookName: 'b.ipynb' };
    const onlyCompleted = { ...completed, runId: 'run-3', eventId: 'c9', durationSeconds: '12.3' };
    const all = [started, completed, second, onlyCompleted];
    const expected = assembleRuns(all);
    const orderArb = fc
      .array(fc.constantFrom(...all))
      .chain((replays) =>
        fc.shuffledSubarray([...all, ...replays], { minLength: all.length + replays.length }),
      );
    fc.assert(
      fc.property(orderArb, (events) => {
        expect(assembleRuns(events)).toEqual(expected);
        const byFold = all
          .map((e) => e.runId)
          .map((id) => fold(events.filter((e) => e.runId === id)));
        expect(byFold).toEqual(expect.arrayContaining(expected));
      }),
    );
  });
});
