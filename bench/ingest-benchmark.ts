import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { Client } from 'pg';
import { api, seconds, ServiceProcess, withClient, withScratchDatabase } from './bench-support';
import { CpuMeter, cpuPerRow } from './cpu-meter';
import {
  csvLine,
  generateUsage,
  GeneratorWorld,
  jsonRecord,
  USAGE_CSV_HEADER,
} from './usage-generator';

/**
 * `npm run bench:ingest [-- --rows N]`: the service's two ingestion paths against a floor
 * measured in the same run on the same Postgres: (a) COPY of the CSV into a scratch copy of the
 * usage table then INSERT … SELECT … ON CONFLICT DO NOTHING, no JavaScript at all; (b) the CSV
 * import over HTTP; (c) the JSON API, 5,000 records per request. Prints rows/s, b/a, c/a and the
 * service's peak RSS.
 */
const rowsAt = process.argv.indexOf('--rows');
const ROWS = Number(rowsAt >= 0 ? process.argv[rowsAt + 1] : (process.env.BENCH_ROWS ?? 1_000_000));
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive integer');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const JSON_BATCH = 5_000;

async function main(): Promise<void> {
  await withScratchDatabase(SERVER, 'bench_ingest', async (url, dbName) => {
    const csvPath = join(tmpdir(), `${dbName}.csv`);
    let service: ServiceProcess | undefined;
    const admin = new Client({ connectionString: SERVER });
    await admin.connect();
    try {
      service = await ServiceProcess.start(
        { DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY },
        39_000 + Math.floor(Math.random() * 1000),
      );
      const june = await registerWorld(service, new Date('2025-06-01T00:00:00Z'));
      // The JSON rows take the hours after the CSV rows' last one (a room-hour a row each): both
      // paths then do the same work, new rollup rows. Landing on the CSV rows' hours would turn
      // the JSON run's rollup inserts into updates, which cost more (see the README).
      const csvHours = Math.ceil(ROWS / june.rooms.length);
      const later = { ...june, start: new Date(june.start.getTime() + csvHours * 3_600_000) };

      await writeCsv(csvPath, june, ROWS);
      log(
        `generated ${ROWS.toLocaleString('en')} rows (${(statSync(csvPath).size / 1e6).toFixed(0)} MB of CSV)`,
      );

      const meter = new CpuMeter(service.child.pid ?? 0, admin, dbName);
      // Each phase starts from a checkpoint: none pays for the one the WAL of another made due.
      await admin.query('CHECKPOINT');
      const floor = await measureFloor(url, csvPath, meter);
      log(`(a) floor: ${rate(ROWS, floor.seconds)}; CPU per row: ${floor.cpu}`);

      await admin.query('CHECKPOINT');
      let cpu = await meter.read();
      let started = process.hrtime.bigint();
      const imported = await postCsv(service, csvPath);
      const csvSeconds = seconds(started);
      const csvCpu = cpuPerRow(cpu, await meter.read(), ROWS);
      log(
        `(b) CSV import: ${rate(ROWS, csvSeconds)}; CPU per row: ${csvCpu} — ${JSON.stringify(imported)}`,
      );

      const bodies = buildJsonBodies(later, ROWS);
      await admin.query('CHECKPOINT');
      cpu = await meter.read();
      started = process.hrtime.bigint();
      const accepted = await postJson(service, bodies);
      const jsonSeconds = seconds(started);
      const jsonCpu = cpuPerRow(cpu, await meter.read(), ROWS);
      log(
        `(c) JSON API: ${rate(ROWS, jsonSeconds)}; CPU per row: ${jsonCpu} — ${accepted} accepted`,
      );

      const peak = service.peakRssMb();
      const ratioB = floor.seconds / csvSeconds;
      const ratioC = floor.seconds / jsonSeconds;
      const lines = [
        '',
        `| path (${ROWS.toLocaleString('en')} rows) | rows/s | ratio to floor | CPU per row |`,
        '|---|---|---|---|',
        `| (a) floor: COPY + INSERT … ON CONFLICT DO NOTHING | ${perSecond(ROWS, floor.seconds)} | 1.00 | ${floor.cpu} |`,
        `| (b) CSV import over HTTP (attributed, rolled up) | ${perSecond(ROWS, csvSeconds)} | ${ratioB.toFixed(2)} (target ≥ 0.70) | ${csvCpu} |`,
        `| (c) JSON API, ${JSON_BATCH.toLocaleString('en')}-record requests | ${perSecond(ROWS, jsonSeconds)} | ${ratioC.toFixed(2)} (target ≥ 0.40, ≥ 50,000 rows/s) | ${jsonCpu} |`,
        '',
        `service peak RSS: ${peak} MB (target < 300 MB)`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await admin.end();
      await service?.stop();
      rmSync(csvPath, { force: true });
    }
  });
}

async function registerWorld(service: ServiceProcess, start: Date): Promise<GeneratorWorld> {
  const account = randomUUID();
  const sku = 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA';
  await api(service, ADMIN_KEY, 'POST', '/v1/identities', {
    kind: 'account',
    value: account,
    party: 'partner',
  });
  await api(service, ADMIN_KEY, 'POST', '/v1/prices', {
    prices: [
      {
        price_start_time: '2025-01-01T00:00:00Z',
        sku_name: sku,
        cloud: 'AWS',
        currency_code: 'USD',
        'pricing.default': '0.35',
      },
    ],
  });
  const rooms: string[] = [];
  for (let c = 0; c < 20; c++) {
    const customer = await api(service, ADMIN_KEY, 'POST', '/v1/customers', {
      name: `Bench customer ${c}`,
      currency: 'USD',
    });
    for (let r = 0; r < 10; r++) {
      const id = randomUUID();
      await api(service, ADMIN_KEY, 'POST', '/v1/rooms', {
        id,
        name: `bench-${c}-${r}`,
        customerId: customer.id,
      });
      rooms.push(id);
    }
  }
  return { rooms, account, sku, start };
}

async function writeCsv(path: string, world: GeneratorWorld, rows: number): Promise<void> {
  const lines = (function* () {
    yield `${USAGE_CSV_HEADER.join(',')}\n`;
    let chunk: string[] = [];
    for (const row of generateUsage(world, rows, 42)) {
      chunk.push(csvLine(row));
      if (chunk.length === 10_000) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
  })();
  await pipeline(Readable.from(lines), createWriteStream(path));
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

async function postCsv(service: ServiceProcess, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${service.baseUrl}/v1/usage/imports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'text/csv' },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`CSV import: HTTP ${response.status} ${JSON.stringify(body)}`);
  const { status, lines, accepted, rejected, duplicates, quarantined } = body;
  return { status, lines, accepted, rejected, duplicates, quarantined };
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

/** Two requests in flight, as a loader with a little concurrency would send them. */
async function postJson(service: ServiceProcess, bodies: Buffer[]): Promise<number> {
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const result = await fetch(`${service.baseUrl}/v1/usage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
        body,
      });
      const summary = (await result.json()) as { accepted?: number };
      if (!result.ok)
        throw new Error(`JSON ingest: HTTP ${result.status} ${JSON.stringify(summary)}`);
      accepted += summary.accepted ?? 0;
    }
  };
  await Promise.all([worker(), worker()]);
  return accepted;
}

const perSecond = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');
const rate = (rows: number, s: number) => `${s.toFixed(1)} s, ${perSecond(rows, s)} rows/s`;
const log = (message: string) => process.stderr.write(`${message}\n`);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
