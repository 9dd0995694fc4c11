import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, seconds, ServiceProcess, withScratchDatabase } from './bench-support';
import { topFrames } from './cpu-profile-top';
import { closedLoop, openLoop, type LoadResult, type Target } from './http-load';
import { loadAverage, MachineLoad } from './machine-load';
import { measureSqlFloors, type SqlFloors } from './reports-floors';
import { loadWorld } from './reports-load';
import { costReport, roomMonths, roomRuns, withKey, type BilledPath } from './reports-requests';
import { issueInvoices, registerPriceBook, subscribeCustomers } from './reports-seed';
import { generateWorld, type ReportsWorld } from './reports-world';
import { seededRandom } from '../src/demo/seeded-random';
import { Report } from './reports-table';

/**
 * `npm run bench:reports [-- options]`: a year of clean-room usage loaded straight into a scratch
 * database by SQL (10 M usage rows over 1,000 rooms and 12 months, their runs, their hourly
 * rollups; half the customers invoiced for all months but the last), then, over HTTP against the
 * service started like `npm start`: the one-room-month cost report (groupBy=room,day and
 * groupBy=run) at a fixed rate (open loop) and at most (closed loop, 50 connections), GET /v1/runs
 * for a room-month, and the fleet view when the build has it; against floors measured in the same
 * run: the SQL each request runs, executed alone, and GET /health. See README "Reports benchmark".
 */
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(name);
  const value = Number(at >= 0 ? argv[at + 1] : fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const text = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const O = {
  customers: option('--customers', 100),
  roomsPerCustomer: option('--rooms-per-customer', 10),
  months: option('--months', 12),
  rows: option('--rows', 10_000_000),
  invoiced: option('--invoiced-customers', 50),
  seed: option('--seed', 15),
  seconds: option('--seconds', 20),
  rate: option('--rate', 200),
  runsRate: option('--runs-rate', 10),
  fleetRate: option('--fleet-rate', 20),
  connections: option('--connections', 50),
  floorSamples: option('--floor-samples', 200),
};
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const SERVICE_ENV = {
  ADMIN_API_KEY: ADMIN_KEY,
  // Nothing in the background: the hourly close would invoice the customers left un-invoiced.
  INVOICE_CLOSE_CRON: 'off',
  PAYMENTS_WORKER_INTERVAL: '0s',
  IMPORT_SWEEP_INTERVAL: '0s',
};
const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  if (flag('--keep')) process.env.BENCH_KEEP_DATABASE = '1';
  const reuse = text('--database');
  if (reuse !== undefined) await run(databaseUrl(SERVER, reuse), reuse, true);
  else
    await withScratchDatabase(SERVER, 'bench_reports', async (url, name) => {
      await run(url, name, false);
      if (flag('--keep')) log(`measure it again without loading: -- --database ${name}`);
    });
  log(`total bench time: ${(seconds(started) / 60).toFixed(1)} min`);
}

async function run(url: string, name: string, reused: boolean): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  // Reads the machine's load during phases, on a connection of its own to another database.
  const observer = new Client({ connectionString: SERVER });
  await observer.connect();
  let service: ServiceProcess | undefined;
  try {
    const world = await worldOf(admin, reused);
    service = await startService(url);
    const report = new Report(O, loadAverage());
    if (!reused) await seed(service, admin, url, world, report);
    const load = new MachineLoad(service.child.pid ?? 0, observer, name);
    try {
      await measure(service, admin, world, load, report);
    } finally {
      load.stop();
    }
    if (flag('--profile')) {
      await service.stop();
      service = undefined;
      await profile(url, world, report);
    }
    process.stdout.write(report.render());
  } finally {
    await service?.stop();
    await admin.end();
    await observer.end();
  }
}

/** The world of this database: drawn now and recorded, or read back from a kept database. */
async function worldOf(admin: Client, reused: boolean): Promise<ReportsWorld> {
  if (reused) {
    const { rows } = await admin.query<{
      options: Parameters<typeof generateWorld>[0] & { now: string };
    }>(`SELECT options FROM bench_world`);
    return generateWorld({ ...rows[0].options, now: new Date(rows[0].options.now) });
  }
  const options = {
    seed: O.seed,
    customers: O.customers,
    roomsPerCustomer: O.roomsPerCustomer,
    months: O.months,
    invoicedCustomers: O.invoiced,
    now: new Date(),
  };
  await admin.query(`CREATE TABLE bench_world (options jsonb NOT NULL)`);
  await admin.query(`INSERT INTO bench_world VALUES ($1)`, [JSON.stringify(options)]);
  return generateWorld(options);
}

function startService(url: string, extraNodeArgs?: string): Promise<ServiceProcess> {
  if (extraNodeArgs !== undefined) process.env.BENCH_SERVICE_NODE_ARGS = extraNodeArgs;
  else delete process.env.BENCH_SERVICE_NODE_ARGS;
  return ServiceProcess.start(
    { DATABASE_URL: url, ...SERVICE_ENV },
    40_000 + Math.floor(Math.random() * 1000),
  );
}

async function seed(
  service: ServiceProcess,
  admin: Client,
  url: string,
  world: ReportsWorld,
  report: Report,
) {
  log(
    `loading ${O.rows.toLocaleString('en')} usage rows, ${world.rooms.length} rooms, ${world.months[0]} to ${world.months.at(-1)} (load ${loadAverage()})`,
  );
  await registerPriceBook(service, ADMIN_KEY, world);
  const t0 = process.hrtime.bigint();
  const figures = await loadWorld(url, world, O.rows, log);
  report.load(figures, seconds(t0), loadAverage());
  if (figures.spotCheck.mismatched > 0 || figures.spotCheck.sampled === 0)
    throw new Error(`attribution spot check: ${JSON.stringify(figures.spotCheck)}`);
  await subscribeCustomers(service, ADMIN_KEY, admin, world);
  const invoices = await issueInvoices(service, ADMIN_KEY, world);
  await admin.query(`VACUUM (ANALYZE) invoices, invoice_lines, subscriptions, credit_notes`);
  report.invoices(invoices, loadAverage());
  log(`issued ${invoices.invoices} invoices in ${invoices.seconds.toFixed(1)} s`);
}

async function measure(
  service: ServiceProcess,
  admin: Client,
  world: ReportsWorld,
  load: MachineLoad,
  report: Report,
) {
  const base = service.baseUrl;
  const pick = roomMonths(world, 1);
  await checkPaths(base, world, report);

  const mark = await load.mark();
  const floors: SqlFloors = await measureSqlFloors(
    admin,
    world,
    roomMonths(world, 2),
    O.floorSamples,
  );
  report.sqlFloors(floors, await load.since(mark));

  const phase = async (name: string, work: () => Promise<LoadResult>) => {
    const at = await load.mark();
    log(`${name} (load ${loadAverage()})`);
    const result = await work();
    const machine = await load.since(at);
    log(
      `  ${Math.round(result.perSecond)} req/s, p50 ${result.latency.p50.toFixed(1)} ms, p95 ${result.latency.p95.toFixed(1)} ms, failed ${result.failed}, late ${result.late}${result.firstError ? ` — ${result.firstError}` : ''}`,
    );
    const settled = await load.settle(120);
    if (settled > 2)
      log(`  the service worked ${settled.toFixed(0)} s more on what the phase left queued`);
    report.phase(name, result, machine);
    return result;
  };
  const warm = (next: () => Target) => closedLoop(base, 4, 3, next);
  const health = () => ({ path: '/health' });
  const live = () => ({ path: '/health/live' });
  await warm(live);
  await phase('GET /health/live, max', () => closedLoop(base, O.connections, O.seconds, live));
  await warm(health);
  await phase('GET /health, max', () => closedLoop(base, O.connections, O.seconds, health));

  for (const groupBy of ['room,day', 'run']) {
    const next = withKey(ADMIN_KEY, costReport(pick, groupBy));
    await warm(next);
    // One request at a time: the service's latency without queueing, against its SQL.
    await phase(`report groupBy=${groupBy}, 1 connection`, () =>
      closedLoop(base, 1, O.seconds, next),
    );
    await phase(`report groupBy=${groupBy}, ${O.rate} req/s`, () =>
      openLoop(base, O.rate, O.seconds, next),
    );
    await phase(`report groupBy=${groupBy}, max`, () =>
      closedLoop(base, O.connections, O.seconds, next),
    );
  }

  const runs = withKey(ADMIN_KEY, roomRuns(pick));
  await warm(runs);
  await phase('GET /v1/runs, 1 connection', () => closedLoop(base, 1, O.seconds, runs));
  await phase(`GET /v1/runs, ${O.runsRate} req/s`, () =>
    openLoop(base, O.runsRate, O.seconds, runs),
  );
  await phase('GET /v1/runs, max', () => closedLoop(base, O.connections, O.seconds, runs));

  // The whole fleet is a snapshot the service keeps (FLEET_SNAPSHOT_MAX_AGE); one customer's
  // rooms are read at each request: both are measured.
  const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
  const random = seededRandom(world.seed, 'fleet');
  const fleets: [string, () => Target][] = [
    ['JSON, first 200 rooms', () => ({ path: '/v1/fleet/rooms?limit=200', headers: auth })],
    [
      `CSV, all ${world.rooms.length.toLocaleString('en')} rooms`,
      () => ({ path: '/v1/fleet/rooms', headers: { ...auth, Accept: 'text/csv' } }),
    ],
    [
      "one customer's rooms (read live), JSON",
      () => {
        const customer = world.customers[Math.floor(random() * world.customers.length)];
        return { path: `/v1/fleet/rooms?customerId=${customer.id}&limit=200`, headers: auth };
      },
    ],
  ];
  const t0 = process.hrtime.bigint();
  const probe = await fetch(`${base}/v1/fleet/rooms?limit=200`, { headers: auth });
  if (probe.status === 404) {
    report.note('fleet view: not in this build (GET /v1/fleet/rooms answers 404)');
    log('fleet view: not in this build');
    return;
  }
  await probe.text();
  report.note(
    `fleet view, first request (cold: nothing kept yet): HTTP ${probe.status} in ${seconds(t0).toFixed(1)} s (load ${loadAverage()})`,
  );
  for (const [what, next] of fleets) {
    await warm(next);
    await phase(`fleet ${what}, ${O.fleetRate} req/s`, () =>
      openLoop(base, O.fleetRate, O.seconds, next),
    );
    await phase(`fleet ${what}, max`, () => closedLoop(base, O.connections, O.seconds, next));
  }
}

/** One report of each billed path, answered 200 with that path's `billedFrom`. */
async function checkPaths(base: string, world: ReportsWorld, report: Report): Promise<void> {
  const pick = roomMonths(world, 3);
  const seen = new Set<BilledPath>();
  for (let i = 0; i < 10_000 && seen.size < 3; i++) {
    const sample = pick();
    if (seen.has(sample.path)) continue;
    const target = withKey(
      ADMIN_KEY,
      costReport(() => sample, 'room,day'),
    )();
    const response = await fetch(`${base}${target.path}`, { headers: target.headers });
    const body = (await response.json()) as { data?: { billedFrom: string; billed: string }[] };
    const from = [...new Set(body.data?.map((row) => row.billedFrom))];
    const expected = sample.path === 'invoice' ? 'invoice' : 'estimate';
    if (!response.ok || from.length !== 1 || from[0] !== expected)
      throw new Error(
        `${sample.path} report: HTTP ${response.status} billedFrom ${from.join(',')}: ${JSON.stringify(body).slice(0, 300)}`,
      );
    seen.add(sample.path);
    report.note(
      `path ${sample.path}: ${body.data?.length} rows (billedFrom ${expected}), e.g. ${target.path}`,
    );
  }
}

/** The report under load again, in a service started with --cpu-prof; its heaviest frames. */
async function profile(url: string, world: ReportsWorld, report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-prof-'));
  try {
    const booted = Number(process.hrtime.bigint() / 1000n);
    const service = await startService(url, `--cpu-prof --cpu-prof-dir=${dir}`);
    // Boot (module loading, Nest's wiring) is left out: from the first warm-up request on.
    const from = Number(process.hrtime.bigint() / 1000n);
    if (from < booted) throw new Error('clock');
    for (const groupBy of ['room,day', 'run']) {
      const next = withKey(ADMIN_KEY, costReport(roomMonths(world, 4), groupBy));
      const result = await closedLoop(service.baseUrl, O.connections, O.seconds, next);
      report.note(
        `profiled run, groupBy=${groupBy}: ${Math.round(result.perSecond)} req/s (load ${loadAverage()})`,
      );
    }
    await service.stop();
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    report.profile(topFrames(join(dir, file), 15, from));
  } finally {
    if (!flag('--keep-profile')) rmSync(dir, { recursive: true, force: true });
    else log(`profile kept in ${dir}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
