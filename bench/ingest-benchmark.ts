import { randomUUID } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { Client } from 'pg';
import { ArrivalOrders, compareArrivalOrders } from './arrival-order';
import { seconds, ServiceProcess, withClient, withScratchDatabase } from './bench-support';
import { writeCsvFile } from './bench-files';
import { CpuMeter, cpuPerRow } from './cpu-meter';
import { postCsv, postJson } from './ingest-http';
import { hoursLater, registerWorld } from './ingest-world';
import {
  importRunEventFiles,
  removeRunEventFiles,
  RunEventFiles,
  writeRunEventFiles,
} from './run-event-files';
import { USAGE_CSV_HEADER } from '../src/demo/databricks-csv';
import { generateUsage, GeneratorWorld, jsonRecord } from './usage-generator';

/**
 * `npm run bench:ingest [-- --rows N] [-- --order-rows M]`: the service's two ingestion paths
 * against a floor measured in the same run on the same Postgres: (a) COPY of the CSV into a
 * scratch copy of the usage table then INSERT … SELECT … ON CONFLICT DO NOTHING, no JavaScript at
 * all; (b) the CSV import over HTTP; (c) the JSON API, 5,000 records per request. The runs behind
 * that usage (one per room-hour, 2N in all) are imported first, as clean-room events (timed too),
 * so (b) and (c) attribute every row through the run covering its hour. Then (d) M rows (default
 * 35,664) and their events in both orders: events then usage, and usage then its late events.
 * Prints rows/s, b/a, c/a, the service's peak RSS, and d's two times and their ratio.
 */
const option = (name: string, env: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  const value = Number(at >= 0 ? process.argv[at + 1] : (process.env[env] ?? fallback));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const ROWS = option('--rows', 'BENCH_ROWS', 1_000_000);
// The size of the import issue 12 measured: its late events took 246 s, against ~11 s.
const ORDER_ROWS = option('--order-rows', 'BENCH_ORDER_ROWS', Math.min(ROWS, 35_664));
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const JSON_BATCH = 5_000;

async function main(): Promise<void> {
  await withScratchDatabase(SERVER, 'bench_ingest', async (url, dbName) => {
    const csvPath = join(tmpdir(), `${dbName}.csv`);
    let runFiles: RunEventFiles | undefined;
    let service: ServiceProcess | undefined;
    const admin = new Client({ connectionString: SERVER });
    await admin.connect();
    try {
      service = await ServiceProcess.start(
        { DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY },
        39_000 + Math.floor(Math.random() * 1000),
      );
      const june = await registerWorld(service, ADMIN_KEY, new Date('2025-06-01T00:00:00Z'));
      // The JSON rows take the hours after the CSV rows' last one (a room-hour a row each): both
      // paths then do the same work, new rollup rows. Landing on the CSV rows' hours would turn
      // the JSON run's rollup inserts into updates, which cost more (see the README).
      const csvHours = Math.ceil(ROWS / june.rooms.length);
      const later = hoursLater(june, csvHours);

      await writeCsvFile(csvPath, USAGE_CSV_HEADER, generateUsage(june, ROWS, 42));
      runFiles = await writeRunEventFiles(
        june,
        2 * csvHours,
        5,
        join(tmpdir(), `${dbName}-events`),
      );
      const events = runFiles.events;
      log(
        `generated ${ROWS.toLocaleString('en')} rows (${(statSync(csvPath).size / 1e6).toFixed(0)} MB of CSV) and ${events.toLocaleString('en')} events of their runs and (c)'s`,
      );

      const meter = new CpuMeter(service.child.pid ?? 0, admin, dbName);
      // Each phase starts from a checkpoint: none pays for the one the WAL of another made due.
      await admin.query('CHECKPOINT');
      let cpu = await meter.read();
      let started = process.hrtime.bigint();
      const runs = await importRunEventFiles(service, ADMIN_KEY, runFiles);
      const eventsSeconds = seconds(started);
      const eventsCpu = cpuPerRow(cpu, await meter.read(), events);
      removeRunEventFiles(runFiles);
      // As autovacuum would after such a load (this server may run without it): (b) and (c) then
      // neither plan without statistics nor step over the versions the runs' completion left.
      await withClient(url, (c) => c.query('VACUUM (ANALYZE) clean_room_runs, clean_room_events'));
      log(
        `(e) events of the runs, ${runFiles.paths.length} files: ${rate(events, eventsSeconds, 'events')}; CPU per event: ${eventsCpu} — ${JSON.stringify(runs)}`,
      );

      await admin.query('CHECKPOINT');
      const floor = await measureFloor(url, csvPath, meter);
      log(`(a) floor: ${rate(ROWS, floor.seconds)}; CPU per row: ${floor.cpu}`);

      await admin.query('CHECKPOINT');
      cpu = await meter.read();
      started = process.hrtime.bigint();
      const imported = await postCsv(service, ADMIN_KEY, '/v1/usage/imports', csvPath);
      const csvSeconds = seconds(started);
      const csvCpu = cpuPerRow(cpu, await meter.read(), ROWS);
      log(
        `(b) CSV import: ${rate(ROWS, csvSeconds)}; CPU per row: ${csvCpu} — ${JSON.stringify(imported)}`,
      );

      const bodies = buildJsonBodies(later, ROWS);
      await admin.query('CHECKPOINT');
      cpu = await meter.read();
      started = process.hrtime.bigint();
      const stored = await postJson(service, ADMIN_KEY, bodies);
      const jsonSeconds = seconds(started);
      const jsonCpu = cpuPerRow(cpu, await meter.read(), ROWS);
      log(`(c) JSON API: ${rate(ROWS, jsonSeconds)}; CPU per row: ${jsonCpu} — ${stored} stored`);

      // As autovacuum would have them by now (this server may run without it): statistics of the
      // usage loaded, which re-attribution plans with.
      await withClient(url, (c) =>
        c.query('ANALYZE usage_records, usage_record_keys, usage_hourly'),
      );
      const orders = await compareArrivalOrders(
        service,
        ADMIN_KEY,
        admin,
        url,
        // An hour apart: the last runs of (c)'s hours, which may end in the next one, cover none of it.
        hoursLater(later, csvHours + 1),
        ORDER_ROWS,
        join(tmpdir(), dbName),
      );
      log(`(d) ${JSON.stringify(orders)}`);

      const peak = service.peakRssMb();
      const ratioB = floor.seconds / csvSeconds;
      const ratioC = floor.seconds / jsonSeconds;
      const lines = [
        '',
        `| path (${ROWS.toLocaleString('en')} rows, ${events.toLocaleString('en')} events) | rows/s | ratio to floor | CPU per row |`,
        '|---|---|---|---|',
        `| (e) clean-room events of the runs (CSV import over HTTP) | ${perSecond(events, eventsSeconds)} events/s | | ${eventsCpu} (per event) |`,
        `| (a) floor: COPY + INSERT … ON CONFLICT DO NOTHING | ${perSecond(ROWS, floor.seconds)} | 1.00 | ${floor.cpu} |`,
        `| (b) CSV import over HTTP (attributed, rolled up) | ${perSecond(ROWS, csvSeconds)} | ${ratioB.toFixed(2)} (target ≥ 0.70) | ${csvCpu} |`,
        `| (c) JSON API, ${JSON_BATCH.toLocaleString('en')}-record requests | ${perSecond(ROWS, jsonSeconds)} | ${ratioC.toFixed(2)} (target ≥ 0.40, ≥ 50,000 rows/s) | ${jsonCpu} |`,
        '',
        `service peak RSS: ${peak} MB (target < 300 MB)`,
        '',
        ...arrivalTable(orders),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await admin.end();
      await service?.stop();
      rmSync(csvPath, { force: true });
      removeRunEventFiles(runFiles);
    }
  });
}

function arrivalTable(o: ArrivalOrders): string[] {
  const natural = o.natural.events.seconds + o.natural.usage.seconds;
  const late = o.late.usage.seconds + o.late.events.seconds;
  const s = (x: number) => `${x.toFixed(1)} s`;
  return [
    `| (d) ${o.rows.toLocaleString('en')} rows, ${o.events.toLocaleString('en')} events | events | usage | total | ratio |`,
    '|---|---|---|---|---|',
    `| natural order: events, then usage | ${s(o.natural.events.seconds)} | ${s(o.natural.usage.seconds)} | ${s(natural)} | 1.00 |`,
    `| late events: usage (quarantined), then events (re-attributed) | ${s(o.late.events.seconds)} | ${s(o.late.usage.seconds)} | ${s(late)} | ${(late / natural).toFixed(2)} (target ≤ 2) |`,
    '',
    `both orders attributed every row, with the same amounts per trigger: ${o.sameResult ? 'yes' : 'NO'}`,
  ];
}

/** The floor: Postgres alone loading the same file into a table of the same shape. */
async function measureFloor(
  url: string,
  csvPath: string,
  meter: CpuMeter,
): Promise<{ seconds: number; cpu: string }> {
  return withClient(url, async (client) => {
    // The same columns, defaults, constraints and indexes (primary key included) as usage_records.
    await client.query(`CREATE TABLE floor_usage (LIKE usage_records INCLUDING ALL)`);
    await client.query(
      `CREATE TEMP TABLE floor_stage (${USAGE_CSV_HEADER.map((c) => `"${c}" text`).join(', ')})`,
    );
    const cpu = await meter.read();
    const started = process.hrtime.bigint();
    await pipeline(
      createReadStream(csvPath),
      client.query(copyFrom(`COPY floor_stage FROM STDIN WITH (FORMAT csv, HEADER true)`)),
    );
    await client.query(`
      INSERT INTO floor_usage (record_id, record_type, usage_start_time, usage_end_time, usage_date, account_id, workspace_id,
                               sku_name, cloud, usage_unit, usage_quantity, room_id, billing_origin_product, ingestion_date,
                               usage_type, custom_tags, status, reason)
      SELECT record_id, record_type, usage_start_time::timestamptz, usage_end_time::timestamptz, usage_date::date, account_id,
             workspace_id, sku_name, cloud, usage_unit, usage_quantity::numeric, "usage_metadata.central_clean_room_id",
             billing_origin_product, ingestion_date::date, usage_type, custom_tags::jsonb, 'excluded', 'floor'
      FROM floor_stage
      ON CONFLICT DO NOTHING`);
    return { seconds: seconds(started), cpu: cpuPerRow(cpu, await meter.read(), ROWS) };
  });
}

/** Request bodies are built before the clock starts: the client's JSON work is not the service's. */
function buildJsonBodies(world: GeneratorWorld, rows: number): Buffer[] {
  const bodies: Buffer[] = [];
  let batch: Record<string, unknown>[] = [];
  for (const row of generateUsage(world, rows, 7)) {
    batch.push(jsonRecord(row));
    if (batch.length === JSON_BATCH) {
      bodies.push(Buffer.from(JSON.stringify({ records: batch })));
      batch = [];
    }
  }
  if (batch.length > 0) bodies.push(Buffer.from(JSON.stringify({ records: batch })));
  return bodies;
}

const perSecond = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');
const rate = (rows: number, s: number, unit = 'rows') =>
  `${s.toFixed(1)} s, ${perSecond(rows, s)} ${unit}/s`;
const log = (message: string) => process.stderr.write(`${message}\n`);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
