import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { billingPeriodFromKey } from '../src/shared/time/billing-period';
import { RoomPeriodUsageReader } from '../src/modules/usage/queries/room-period-usage.reader';
import { UsageCellsReader } from '../src/modules/usage/queries/usage-cells.reader';
import { RunsRepository } from '../src/modules/usage/runs/runs.repository';
import { latencyOf, type Latency } from './http-load';
import { nextMonth, type RoomMonth } from './reports-requests';
import type { ReportsWorld } from './reports-world';

interface Statement {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * The service's own readers with a data source that only records what they would run: the floor
 * then executes exactly the service's SQL, with the parameters the service would pass, and no
 * JavaScript of the service around it.
 */
function recorder(): { source: DataSource; take: () => Statement[] } {
  let statements: Statement[] = [];
  const source = {
    query: (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      return Promise.resolve([]);
    },
  } as unknown as DataSource;
  return {
    source,
    take: () => {
      const taken = statements;
      statements = [];
      return taken;
    },
  };
}

export interface SqlFloors {
  /** Per request kind: the p50 and p95 of the sum of its statements' times, per sample. */
  readonly byKind: ReadonlyMap<string, Latency>;
  readonly samples: number;
}

/**
 * The SQL of each request kind, for `samples` random room-months, run back to back on one
 * connection: the report's room-month cells (its usage read), plus the room's runs for
 * groupBy=run, plus the partner runs a per-run fee is spread over (custom plan), plus the rating's usage read of the period(s) for estimates (one per rated period:
 * the month, and for `estimate+history` every earlier invoiced month too); and /v1/runs' two
 * statements. Invoice, line and customer look-ups (primary-key reads) are left out: the floor is
 * what the data costs Postgres to read.
 */
export async function measureSqlFloors(
  client: Client,
  world: ReportsWorld,
  pick: () => RoomMonth,
  samples: number,
): Promise<SqlFloors> {
  const rec = recorder();
  const cells = new UsageCellsReader(rec.source);
  const runs = new RunsRepository(rec.source);
  const rating = new RoomPeriodUsageReader(rec.source);
  const times = new Map<string, number[]>();
  const add = (kind: string, ms: number) => {
    const list = times.get(kind);
    if (list === undefined) times.set(kind, [ms]);
    else list.push(ms);
  };
  const run = async (statements: Statement[]) => {
    const t0 = performance.now();
    for (const s of statements) await client.query(s.sql, s.params);
    return performance.now() - t0;
  };
  for (let i = 0; i < samples; i++) {
    const r = pick();
    const period = billingPeriodFromKey(r.month, r.customer.zone);
    await cells.cells(r.customer.id, r.room.id, period.start, period.end);
    const cellsMs = await run(rec.take());
    await runs.overlappingOwnedBy(r.room.id, r.customer.id, period.start, period.end);
    const runsMs = await run(rec.take());
    let partnerRunsMs = 0;
    if (r.customer.plan === 'custom') {
      await runs.partnerStartedOwnedBy(r.room.id, r.customer.id, period.start, period.end);
      partnerRunsMs = await run(rec.take());
    }
    const rated = r.path === 'invoice' ? [] : r.path === 'estimate' ? [r.month] : world.months;
    for (const month of rated) {
      const p = billingPeriodFromKey(month, r.customer.zone);
      await rating.roomUsage(r.customer.id, 'USD', p.start, p.end);
    }
    const ratingMs = await run(rec.take());
    const report = cellsMs + partnerRunsMs + ratingMs;
    add(`groupBy=room,day ${r.path}`, report);
    add(`groupBy=run ${r.path}`, report + runsMs);
    add('groupBy=room,day', report);
    add('groupBy=run', report + runsMs);
    const from = new Date(`${r.month}-01T00:00:00Z`);
    const to = new Date(`${nextMonth(r.month)}-01T00:00:00Z`);
    await runs.overlapping(r.room.id, from, to);
    await runs.hours(r.room.id, from, to);
    add('/v1/runs', await run(rec.take()));
  }
  return {
    byKind: new Map([...times].map(([kind, ms]) => [kind, latencyOf(ms)])),
    samples,
  };
}
