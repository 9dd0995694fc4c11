import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { api, seconds, ServiceProcess, withClient, withScratchDatabase } from './bench-support';

/**
 * `npm run bench:fleet [-- --customers N]`: the fleet view (GET /v1/fleet/rooms) over N customers
 * (default 100) × 10 rooms, written by SQL in bulk: a run every 2 hours per room for 60 days (v1,
 * then v2 for the last 20; 5 % failed), and two months of hourly rollups (the current month whole,
 * the month-end worst case). Half the customers are hybrid (a per-partner-DBU add-on, so rooms carry
 * billed money), half bundled with a DBU cap. Times requests on one service with the default caches
 * (the whole fleet's snapshot, 1 minute; each customer's month to date, 5 minutes): the first
 * (cold), then sequential warm ones, then 20 req/s for 10 s; and on a second service with both
 * caches off, where each request reads the rooms and rates every customer it shows. Prints
 * p50/p95 of each.
 */
const at = process.argv.indexOf('--customers');
const CUSTOMERS = Number(at >= 0 ? process.argv[at + 1] : (process.env.BENCH_CUSTOMERS ?? 100));
const ROOMS = 10;
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const PARTNER = 'aws:us-east-1:bench-partner';

async function main(): Promise<void> {
  await withScratchDatabase(SERVER, 'bench_fleet', async (url) => {
    const cached = await ServiceProcess.start(
      { DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY },
      port(),
    );
    let uncached: ServiceProcess | undefined;
    try {
      const versions = await plans(cached);
      const started = process.hrtime.bigint();
      await withClient(url, (client) => seed(client, versions));
      log(`seeded ${CUSTOMERS} customers × ${ROOMS} rooms in ${seconds(started).toFixed(1)} s`);

      const rows: string[] = [];
      const measure = async (
        service: ServiceProcess,
        label: string,
        path: string,
        n: number,
        accept?: string,
      ) => {
        const times: number[] = [];
        for (let i = 0; i < n; i++) times.push(await timed(service, path, accept));
        rows.push(
          `| ${label} | ${n} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`,
        );
        log(rows[rows.length - 1]);
      };
      const page = '/v1/fleet/rooms?limit=200';
      const byBilled = '/v1/fleet/rooms?limit=200&sort=-monthToDateBilled';
      const one = `/v1/fleet/rooms?customerId=${await firstCustomer(cached)}`;
      await measure(cached, 'whole fleet, cold (snapshot and every month to date read)', page, 1);
      await measure(cached, 'whole fleet, first page of 200 by name', page, 50);
      await measure(cached, 'whole fleet, first page of 200 by billed', byBilled, 50);
      await measure(cached, 'whole fleet, CSV of every room', '/v1/fleet/rooms', 10, 'text/csv');
      await measure(cached, 'one customer (rooms, runs read now)', one, 30);
      rows.push(await openLoop(cached, page, 20, 10));
      log(rows[rows.length - 1]);
      uncached = await ServiceProcess.start(
        {
          DATABASE_URL: url,
          ADMIN_API_KEY: ADMIN_KEY,
          FLEET_SNAPSHOT_MAX_AGE: '0s',
          FLEET_MONTH_MAX_AGE: '0s',
        },
        port(),
      );
      await measure(uncached, 'no caches: whole fleet (every customer rated)', page, 3);
      await measure(uncached, 'no caches: one customer (rated)', one, 10);
      process.stdout.write(
        [
          '',
          `| ${CUSTOMERS} customers × ${ROOMS} rooms, sequential requests | n | p50 ms | p95 ms |`,
          '|---|---|---|---|',
          ...rows,
          '',
        ].join('\n'),
      );
    } finally {
      await uncached?.stop();
      await cached.stop();
    }
  });
}

async function plans(service: ServiceProcess): Promise<{ hybrid: string; bundled: string }> {
  const version = async (body: Record<string, unknown>) =>
    (
      (await api(service, ADMIN_KEY, 'POST', '/v1/plans', { currency: 'USD', ...body }))
        .versions as { id: string }[]
    )[0].id;
  return {
    hybrid: await version({
      name: 'Bench hybrid',
      model: 'hybrid',
      subscriptionFee: '1200',
      addOnUnitPrice: '0.90',
    }),
    bundled: await version({
      name: 'Bench bundled',
      model: 'bundled',
      subscriptionFee: '5000',
      exposureCap: { measure: 'dbu', amount: '30000', policy: 'overage', overagePrice: '0.55' },
    }),
  };
}

async function seed(client: Client, versions: { hybrid: string; bundled: string }): Promise<void> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(
    `INSERT INTO customers (name, currency) SELECT 'Bench ' || c, 'USD' FROM generate_series(1, $1) c`,
    [CUSTOMERS],
  );
  await client.query(`
    INSERT INTO clean_rooms (id, name, notebook_etag)
    SELECT lower(gen_random_uuid()::text), 'bench-' || c.id || '-' || r, 'v2' FROM customers c, generate_series(1, ${ROOMS}) r`);
  await client.query(`
    INSERT INTO room_ownerships (room_id, customer_id, effective_from)
    SELECT r.id, c.id, '2020-01-01' FROM clean_rooms r JOIN customers c ON r.name LIKE 'bench-' || c.id || '-%'`);
  await client.query(
    `INSERT INTO party_identities (kind, value, party) VALUES ('sharing_identifier', $1, 'partner')`,
    [PARTNER],
  );
  await client.query(
    `INSERT INTO subscriptions (customer_id, plan_version_id, effective_from)
     SELECT id, CASE WHEN row_number() OVER (ORDER BY id) % 2 = 0 THEN $1::uuid ELSE $2::uuid END, '2020-01-01' FROM customers`,
    [versions.hybrid, versions.bundled],
  );
  await client.query(`
    INSERT INTO clean_room_runs (room_id, run_id, notebook_name, notebook_etag, initiator, state, started_at, ended_at)
    SELECT o.room_id, 'run-' || k, 'audience_overlap', CASE WHEN k < 240 THEN 'v2' ELSE 'v1' END,
           CASE WHEN random() < 0.8 THEN '${PARTNER}' ELSE 'aws:us-east-1:customer' END,
           CASE WHEN random() < 0.05 THEN 'FAILED' ELSE 'SUCCESS' END,
           date_trunc('hour', now()) - k * interval '2 hours', date_trunc('hour', now()) - k * interval '2 hours' + interval '40 minutes'
    FROM room_ownerships o CROSS JOIN generate_series(1, 720) k`);
  await client.query(`
    INSERT INTO usage_hourly (customer_id, hour, room_id, trigger, sku_name, currency, dbu, list_cost, partner_cost, records)
    SELECT o.customer_id, h.hour, o.room_id, t.trigger, 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', 'USD',
           q.dbu, q.dbu * 0.35, CASE WHEN t.trigger = 'partner' THEN q.dbu * 0.35 * 0.85 ELSE 0 END, 1
    FROM room_ownerships o
    CROSS JOIN generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 month',
                               date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 month' - interval '1 hour',
                               interval '1 hour') AS h(hour)
    CROSS JOIN LATERAL (SELECT CASE WHEN extract(hour FROM h.hour) % 5 = 0 THEN 'customer' ELSE 'partner' END AS trigger) t
    CROSS JOIN LATERAL (SELECT round((random() * 5)::numeric, 6) AS dbu) q`);
  await client.query(`VACUUM ANALYZE`);
}

/** `rate` requests a second for `duration` seconds, each sent on time whatever the others do. */
async function openLoop(
  service: ServiceProcess,
  path: string,
  rate: number,
  duration: number,
): Promise<string> {
  const pending: Promise<number>[] = [];
  const started = Date.now();
  for (let i = 0; i < rate * duration; i++) {
    const due = started + (i * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    pending.push(timed(service, path));
  }
  const times = await Promise.all(pending);
  return `| whole fleet, first page of 200, ${rate} req/s for ${duration} s | ${times.length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`;
}

async function firstCustomer(service: ServiceProcess): Promise<string> {
  const page = await api(service, ADMIN_KEY, 'GET', '/v1/customers?limit=1');
  return (page.data as { id: string }[])[0].id;
}

async function timed(
  service: ServiceProcess,
  path: string,
  accept = 'application/json',
): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${service.baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, Accept: accept },
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return seconds(started) * 1000;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => value.toFixed(0);
const port = () => 39_000 + Math.floor(Math.random() * 1000);
const log = (message: string) => process.stderr.write(`${message}\n`);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
