import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../src/shared/auth/auth-principal';
import { D } from '../src/shared/money/decimal';
import type { RoomsService } from '../src/modules/registry/rooms/rooms.service';
import { RunsRepository } from '../src/modules/usage/runs/runs.repository';
import { RunsService } from '../src/modules/usage/runs/runs.service';
import { ServiceProcess, withClient, withScratchDatabase } from './bench-support';
import { CpuMeter } from './cpu-meter';
import { RunsWorld, seedRunsWorld } from './runs-world';

/**
 * `npm run bench:runs [-- --requests N] [-- --history-months M]`: GET /v1/runs for one room-month
 * (744 hours, one run starting in each, so ~744 runs) of a room with M months of earlier runs
 * and usage (default 12), all written by SQL. Against a floor measured in the same run on the same
 * Postgres: (a) the SQL the route's service issues for its data (captured from RunsService itself,
 * so it is always the route's current SQL), replayed N times on one connection; (b) N sequential
 * requests to the service. Prints p50/p95 of both, req/s, CPU per request and b/a.
 */
const option = (name: string, env: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  const value = Number(at >= 0 ? process.argv[at + 1] : (process.env[env] ?? fallback));
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer >= 0`);
  return value;
};
const REQUESTS = Math.max(1, option('--requests', 'BENCH_REQUESTS', 300));
const HISTORY_MONTHS = option('--history-months', 'BENCH_HISTORY_MONTHS', 12);
const WARMUP = 30;
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_KEY = `bench-admin-${randomUUID()}`;

interface Timings {
  readonly p50: number;
  readonly p95: number;
  readonly totalSeconds: number;
}

async function main(): Promise<void> {
  await withScratchDatabase(SERVER, 'bench_runs', async (url, dbName) => {
    let service: ServiceProcess | undefined;
    const admin = new Client({ connectionString: SERVER });
    await admin.connect();
    try {
      const world = await withClient(url, (client) => seedRunsWorld(client, HISTORY_MONTHS));
      service = await ServiceProcess.start(
        { DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY },
        40_000 + Math.floor(Math.random() * 1000),
      );
      const path = `/v1/runs?roomId=${world.roomId}&from=${world.from.toISOString()}&to=${world.to.toISOString()}`;
      const body = await get(service, path);
      const runCount = await checkResponse(url, world, body);
      log(`seeded one room, ${HISTORY_MONTHS} months of history; the month has ${runCount} runs`);

      const floor = await withClient(url, async (client) => {
        const queries = await capturedQueries(client, world);
        log(`(a) replaying ${queries.length} statements: ${queries.map(firstWords).join('; ')}`);
        const replay = async () => {
          for (const q of queries) await client.query(q.sql, q.params);
        };
        await measure(WARMUP, replay);
        return measure(REQUESTS, replay);
      });

      const meter = new CpuMeter(service.child.pid ?? 0, admin, dbName);
      const running = service;
      await measure(WARMUP, async () => void (await get(running, path)));
      const before = await meter.read();
      const route = await measure(REQUESTS, async () => void (await get(running, path)));
      const after = await meter.read();
      const perRequest = (s: number) => ((s * 1000) / REQUESTS).toFixed(2);

      const ms = (s: number) => (s * 1000).toFixed(2);
      process.stdout.write(
        [
          '',
          `| GET /v1/runs, one room-month: 744 hours, ${runCount} runs; ${HISTORY_MONTHS} months of history; ${REQUESTS} sequential requests | p50 ms | p95 ms | req/s | ratio (p50) |`,
          '|---|---|---|---|---|',
          `| (a) floor: the route's data SQL replayed on one connection | ${ms(floor.p50)} | ${ms(floor.p95)} | ${(REQUESTS / floor.totalSeconds).toFixed(1)} | 1.00 |`,
          `| (b) the route over HTTP | ${ms(route.p50)} | ${ms(route.p95)} | ${(REQUESTS / route.totalSeconds).toFixed(1)} | ${(route.p50 / floor.p50).toFixed(2)} (target ≤ 2) |`,
          '',
          `CPU per request during (b): service ${perRequest(after.service - before.service)} ms, postgres ${perRequest(after.postgres - before.postgres)} ms; p95 ratio ${(route.p95 / floor.p95).toFixed(2)}`,
          '',
        ].join('\n'),
      );
    } finally {
      await service?.stop();
      await admin.end();
    }
  });
}

/**
 * The statements RunsService.forRoom issues for its data (the room's visibility check aside),
 * captured by running it once over a data source that records what it is asked.
 */
async function capturedQueries(
  client: Client,
  world: RunsWorld,
): Promise<{ sql: string; params: unknown[] }[]> {
  const calls: { sql: string; params: unknown[] }[] = [];
  const recording = {
    async query(sql: string, params: unknown[] = []): Promise<unknown[]> {
      calls.push({ sql, params });
      return (await client.query<Record<string, unknown>>(sql, params)).rows;
    },
  };
  const rooms = { findVisibleOrThrow: () => Promise.resolve(null) };
  const runs = new RunsService(
    new RunsRepository(recording as unknown as DataSource),
    rooms as unknown as RoomsService,
  );
  const principal: AuthPrincipal = { keyId: null, scopes: ['admin'], customerId: null };
  await runs.forRoom(principal, world.roomId, world.from, world.to);
  return calls;
}

/** Per-iteration times of `work` run `n` times in a row. */
async function measure(n: number, work: () => Promise<void>): Promise<Timings> {
  const times: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), totalSeconds };
}

async function get(service: ServiceProcess, path: string): Promise<string> {
  const response = await fetch(`${service.baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${text}`);
  return text;
}

/** The runs' DBU plus the unallocated DBU must be the room-month's DBU, exactly. */
async function checkResponse(url: string, world: RunsWorld, body: string): Promise<number> {
  const parsed = JSON.parse(body) as {
    runs: { dbu: string }[];
    unallocated: { dbu: string }[];
  };
  const served = [...parsed.runs, ...parsed.unallocated].reduce(
    (sum, part) => sum.plus(new D(part.dbu)),
    new D(0),
  );
  const stored = await withClient(url, (client) =>
    client.query<{ dbu: string }>(
      `SELECT sum(dbu)::text AS dbu FROM usage_hourly WHERE room_id = $1 AND hour >= $2 AND hour < $3`,
      [world.roomId, world.from, world.to],
    ),
  );
  if (!served.equals(new D(stored.rows[0].dbu)))
    throw new Error(
      `the route serves ${served.toString()} DBU, the month has ${stored.rows[0].dbu}`,
    );
  return parsed.runs.length;
}

const firstWords = (q: { sql: string }) => q.sql.replace(/\s+/g, ' ').trim().slice(0, 40);
const log = (message: string) => process.stderr.write(`${message}\n`);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
