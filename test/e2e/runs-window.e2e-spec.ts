import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RUNS_OVERLAPPING_WINDOW_SQL } from '../../src/modules/usage/runs/runs-window.sql';
import { createCustomer, createRoom } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

const FROM = '2025-07-10T00:00:00.000Z';
const TO = '2025-07-11T00:00:00.000Z';
const HISTORY_RUNS = 2_000;

/**
 * Runs at the edges of the window [FROM, TO) and of the six-hour bound the read splits on
 * (FROM − 6 h = 2025-07-09T18:00Z): [run id, started_at, ended_at, in the window?].
 */
const EDGE_RUNS: [string, string, string | null, boolean][] = [
  ['long-through', '2025-07-07T00:00:00.000Z', '2025-07-10T02:00:00.000Z', true],
  ['open-since-june', '2025-06-30T00:00:00.000Z', null, true],
  ['long-ends-at-from', '2025-07-07T00:00:00.000Z', FROM, false],
  ['long-ended-before', '2025-07-01T00:00:00.000Z', '2025-07-08T00:00:00.000Z', false],
  // Started after the bound, 5 h 30 min long: read with the ordinary runs.
  ['short-before-from', '2025-07-09T19:00:00.000Z', '2025-07-10T00:30:00.000Z', true],
  // Started before the bound, 8 h long: read with the long runs.
  ['eight-hours', '2025-07-09T17:00:00.000Z', '2025-07-10T01:00:00.000Z', true],
  // Started exactly at the bound and longer than 6 h: in both indexes, must come back once.
  ['at-bound-long', '2025-07-09T18:00:00.000Z', '2025-07-10T00:10:00.000Z', true],
  ['at-bound-ends-at-from', '2025-07-09T18:00:00.000Z', FROM, false],
  ['inside', '2025-07-10T12:00:00.000Z', '2025-07-10T12:45:00.000Z', true],
  ['open-inside', '2025-07-10T23:59:59.999Z', null, true],
  ['starts-at-to', TO, '2025-07-11T01:00:00.000Z', false],
];

describe('GET /v1/runs: the runs of the window, not every earlier run of the room', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let roomId: string;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    const customer = await createCustomer(t);
    roomId = (await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' })).id;
    // A 50-minute run every hour of the 2,000 hours before the window's day (ending by 2025-07-09).
    await dataSource.query(
      `INSERT INTO clean_room_runs (room_id, run_id, state, started_at, ended_at)
       SELECT $1, 'history-' || h, 'SUCCESS', $2::timestamptz - h * interval '1 hour',
              $2::timestamptz - h * interval '1 hour' + interval '50 minutes'
       FROM generate_series(1, $3) h`,
      [roomId, '2025-07-09T00:00:00.000Z', HISTORY_RUNS],
    );
    for (const [runId, startedAt, endedAt] of EDGE_RUNS) {
      await dataSource.query(
        `INSERT INTO clean_room_runs (room_id, run_id, state, started_at, ended_at) VALUES ($1, $2, 'SUCCESS', $3, $4)`,
        [roomId, runId, startedAt, endedAt],
      );
    }
    await dataSource.query(`ANALYZE clean_room_runs`);
  });
  afterAll(() => t.close());

  it('lists exactly the runs overlapping the window, each once, by start then run id', async () => {
    const response = await t.http
      .get('/v1/runs')
      .query({ roomId, from: FROM, to: TO })
      .set(t.auth())
      .expect(200);
    // By start: open-since-june (06-30), long-through (07-07), eight-hours (07-09 17:00),
    // at-bound-long (18:00), short-before-from (19:00), inside, open-inside.
    expect(response.body.runs.map((r: { runId: string }) => r.runId)).toEqual([
      'open-since-june',
      'long-through',
      'eight-hours',
      'at-bound-long',
      'short-before-from',
      'inside',
      'open-inside',
    ]);
    expect(EDGE_RUNS.filter(([, , , inWindow]) => inWindow)).toHaveLength(7);
  });

  it('answers 404 for a room it does not know, with no body of runs', async () => {
    const unknown = randomUUID();
    const response = await t.http
      .get('/v1/runs')
      .query({ roomId: unknown, from: FROM, to: TO })
      .set(t.auth())
      .expect(404);
    expect(response.body).toMatchObject({ status: 404 });
    expect(response.body).not.toHaveProperty('runs');
  });

  it('reads the runs near the window through indexes, not the 2,000 before it', async () => {
    const [row] = await dataSource.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }[]>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${RUNS_OVERLAPPING_WINDOW_SQL}`,
      [roomId, FROM, TO],
    );
    const plan = row['QUERY PLAN'];
    const all = nodes((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
    const onRuns = all.filter((n) => n['Relation Name'] === 'clean_room_runs');
    expect(onRuns.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    const read = onRuns.reduce(
      (sum, n) =>
        sum +
        (n['Actual Rows'] ?? 0) +
        (n['Rows Removed by Filter'] ?? 0) +
        (n['Rows Removed by Index Recheck'] ?? 0),
      0,
    );
    // The 7 runs returned, plus the few near the bound that are filtered out.
    expect(read).toBeLessThanOrEqual(20);
  });
});
