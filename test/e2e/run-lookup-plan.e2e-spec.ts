import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { reattributionSql } from '../../src/modules/usage/attribution/reattribution.sql';
import { insertUsageBatchSql } from '../../src/modules/usage/ingestion/usage-insert.sql';
import { stageAsArrays } from '../../src/modules/usage/ingestion/usage-staging';
import { createCustomer, createRoom, registerIdentity } from '../support/factories';
import { priceSampleSku, SAMPLE_SKU, usageRow } from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const RUNS_INDEXES = ['clean_room_runs_room_time', 'clean_room_runs_long'];
const HISTORY_RUNS = 2_000;
const HOUR_MS = 3_600_000;

/** Every node of a plan, depth first. */
function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

/**
 * The plan of the covering-run lookup: how clean_room_runs is read, and how many runs each
 * lookup reads (index entries returned, whether the heap then keeps them or not).
 */
function runReads(plan: PlanNode) {
  const all = nodes(plan);
  const onRuns = all.filter((n) => n['Relation Name'] === 'clean_room_runs');
  const indexReads = all.filter((n) => RUNS_INDEXES.includes(n['Index Name'] ?? ''));
  const perLookup = indexReads.reduce(
    (sum, n) =>
      sum +
      ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) / (n['Actual Loops'] || 1),
    0,
  );
  return { scans: onRuns.map((n) => n['Node Type']), perLookup };
}

/**
 * The run covering a usage hour is looked up by index, and reads a few hours of the room's runs,
 * not every earlier one: once room ids had different collations in usage_records and
 * clean_room_runs, re-attribution scanned every run stored; and the lookup read every earlier run
 * of the room, in the batch statement too.
 */
describe('attribution: the covering-run lookup', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let roomId: string;
  const usageStart = Date.UTC(2025, 4, 20, 10);

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    await priceSampleSku(t);
    const customer = await createCustomer(t);
    roomId = (await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' })).id;
    const partner = `aws:us-east-1:${randomUUID()}`;
    await registerIdentity(t, { kind: 'sharing_identifier', value: partner, party: 'partner' });
    // A run of 50 minutes every hour for the 2,000 hours before the usage hour, and on.
    await dataSource.query(
      `INSERT INTO clean_room_runs (room_id, run_id, initiator, state, started_at, ended_at)
       SELECT $1, 'history-' || h, $2, 'SUCCESS', $3::timestamptz + h * interval '1 hour',
              $3::timestamptz + h * interval '1 hour' + interval '50 minutes'
       FROM generate_series(0, $4) h`,
      [roomId, partner, new Date(usageStart - HISTORY_RUNS * HOUR_MS), HISTORY_RUNS + 5],
    );
    await dataSource.query(`ANALYZE clean_room_runs`);
    // No account or run_as: the trigger comes from the run.
    await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({
        records: [
          usageRow({
            record_id: randomUUID(),
            account_id: null,
            usage_start_time: new Date(usageStart).toISOString(),
            usage_end_time: new Date(usageStart + HOUR_MS).toISOString(),
            usage_metadata: { central_clean_room_id: roomId },
          }),
        ],
      })
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ accepted: 1, quarantined: 0 }));
  });
  afterAll(() => t.close());

  /** The executed plan of a statement, its effects rolled back. */
  async function executedPlan(sql: string, parameters: unknown[]): Promise<PlanNode> {
    const runner: QueryRunner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [row] = (await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters)) as {
        'QUERY PLAN': [{ Plan: PlanNode }] | string;
      }[];
      const plan = row['QUERY PLAN'];
      return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('re-attributing after runs changed reads the runs through their indexes, a few per row', async () => {
    const plan = await executedPlan(
      reattributionSql(`r.room_id = ANY($1) AND r.usage_end_time > $2`),
      [[roomId], new Date(usageStart - 2 * HOUR_MS)],
    );
    const { scans, perLookup } = runReads(plan);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans).not.toContain('Seq Scan');
    // Runs started within six hours of the hour: about seven, against 2,000 earlier ones.
    expect(perLookup).toBeLessThanOrEqual(20);
  });

  it('a batch of new usage reads the runs through their indexes, a few per row', async () => {
    const row = (i: number): (string | null)[] => {
      const start = new Date(usageStart + i * HOUR_MS);
      return [
        `plan-${randomUUID()}`,
        'ORIGINAL',
        start.toISOString(),
        new Date(start.getTime() + HOUR_MS).toISOString(),
        start.toISOString().slice(0, 10),
        null,
        null,
        SAMPLE_SKU,
        'AWS',
        'DBU',
        '1',
        roomId,
        null,
        null,
        null,
        'CLEAN_ROOM',
        null,
        null,
        '{}',
        '{}',
        randomUUID(),
        randomUUID(),
      ];
    };
    const staged = stageAsArrays([row(1), row(2), row(3)]);
    const plan = await executedPlan(
      insertUsageBatchSql(staged.select, `$${staged.parameters.length + 1}`),
      [...staged.parameters, null],
    );
    const { scans, perLookup } = runReads(plan);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans).not.toContain('Seq Scan');
    expect(perLookup).toBeLessThanOrEqual(20);
  });
});
