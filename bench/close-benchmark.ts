import { randomUUID } from 'node:crypto';
import { api, seconds, ServiceProcess, withClient, withScratchDatabase } from './bench-support';

/**
 * `npm run bench:close [-- --customers N]`: N customers (default 1,000) × 10 rooms × 720 hourly
 * usage rows (7.2 M rows at the default), all on a bundled plan; then, on the same Postgres in
 * the same run: (a) the floor, one SQL GROUP BY over the month's usage rows per customer, room
 * and trigger; (b) the service closing the month for every customer over HTTP (rated from the
 * rollups, drafted and finalized with numbers). Prints both times and b/a.
 */
const at = process.argv.indexOf('--customers');
const CUSTOMERS = Number(at >= 0 ? process.argv[at + 1] : (process.env.BENCH_CUSTOMERS ?? 1000));
if (!Number.isInteger(CUSTOMERS) || CUSTOMERS < 1)
  throw new Error('--customers must be a positive integer');
const ROOMS = 10;
const HOURS = 720;
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
// A month that ended more than the grace ago, so the close finalizes as well.
const PERIOD = '2026-09';
const START = '2026-09-01T00:00:00Z';

async function main(): Promise<void> {
  await withScratchDatabase(SERVER, 'bench_close', async (url) => {
    let service: ServiceProcess | undefined;
    try {
      service = await ServiceProcess.start(
        { DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY },
        38_000 + Math.floor(Math.random() * 1000),
      );
      const plan = await api(service, ADMIN_KEY, 'POST', '/v1/plans', {
        name: 'Bench bundled',
        model: 'bundled',
        currency: 'USD',
        subscriptionFee: '5000',
        exposureCap: { measure: 'dbu', amount: '30000', policy: 'overage', overagePrice: '0.55' },
      });
      const versionId = (plan.versions as { id: string }[])[0].id;

      let started = process.hrtime.bigint();
      const rows = CUSTOMERS * ROOMS * HOURS;
      await withClient(url, (client) => seed(client, versionId));
      log(
        `seeded ${CUSTOMERS.toLocaleString('en')} customers, ${rows.toLocaleString('en')} usage rows in ${seconds(started).toFixed(1)} s`,
      );

      const floor = await withClient(url, async (client) => {
        const t0 = process.hrtime.bigint();
        const result = await client.query(
          `SELECT customer_id, room_id, trigger, sum(usage_quantity), sum(list_cost), sum(partner_cost), count(*)
         FROM usage_records WHERE usage_start_time >= $1 AND usage_start_time < $1::timestamptz + interval '1 month'
         GROUP BY customer_id, room_id, trigger`,
          [START],
        );
        if (result.rowCount !== CUSTOMERS * ROOMS * 2)
          throw new Error(`floor: ${result.rowCount} groups`);
        return seconds(t0);
      });
      log(`(a) floor, one GROUP BY: ${floor.toFixed(2)} s`);

      started = process.hrtime.bigint();
      const closed = await api(service, ADMIN_KEY, 'POST', '/v1/invoices/close', {
        period: PERIOD,
      });
      const closeSeconds = seconds(started);
      const results = closed.results as {
        invoice: { status: string; number: string | null } | null;
      }[];
      const finalized = results.filter((r) => r.invoice?.status === 'finalized').length;
      if (finalized !== CUSTOMERS)
        throw new Error(`only ${finalized} of ${CUSTOMERS} invoices finalized`);
      log(`(b) close: ${closeSeconds.toFixed(2)} s, ${finalized} invoices finalized`);

      process.stdout.write(
        [
          '',
          `| ${CUSTOMERS.toLocaleString('en')} customers × ${ROOMS} rooms × ${HOURS} hours (${rows.toLocaleString('en')} rows) | seconds | ratio |`,
          '|---|---|---|',
          `| (a) floor: one GROUP BY over the month's usage rows | ${floor.toFixed(2)} | 1.00 |`,
          `| (b) close the month for every customer (rate, draft, finalize, number) | ${closeSeconds.toFixed(2)} | ${(closeSeconds / floor).toFixed(2)} (target ≤ 3) |`,
          '',
        ].join('\n'),
      );
    } finally {
      await service?.stop();
    }
  });
}

/** Registry, subscriptions and a month of attributed hourly usage, written by SQL in bulk. */
async function seed(client: import('pg').Client, versionId: string): Promise<void> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(
    `INSERT INTO customers (name, currency) SELECT 'Bench ' || c, 'USD' FROM generate_series(1, $1) c`,
    [CUSTOMERS],
  );
  await client.query(`
    INSERT INTO clean_rooms (id, name)
    SELECT lower(gen_random_uuid()::text), 'bench-' || c.id || '-' || r FROM customers c, generate_series(1, ${ROOMS}) r`);
  await client.query(`
    INSERT INTO room_ownerships (room_id, customer_id, effective_from)
    SELECT r.id, c.id, '2026-01-01' FROM clean_rooms r JOIN customers c ON r.name LIKE 'bench-' || c.id || '-%'`);
  await client.query(
    `INSERT INTO subscriptions (customer_id, plan_version_id, effective_from) SELECT id, $1, $2 FROM customers`,
    [versionId, START],
  );
  await client.query(`CREATE TABLE IF NOT EXISTS usage_records_y2026m09 PARTITION OF usage_records
                      FOR VALUES FROM ('2026-09-01') TO ('2026-10-01')`);
  await client.query(`
    INSERT INTO usage_records (record_id, record_type, usage_start_time, usage_end_time, usage_date, account_id, sku_name,
                               cloud, usage_unit, usage_quantity, room_id, billing_origin_product, status, customer_id,
                               trigger, currency, list_price, discount_rate, list_cost, partner_cost)
    SELECT gen_random_uuid()::text, 'ORIGINAL', h.hour, h.hour + interval '1 hour', h.hour::date, 'bench-account',
           'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', 'AWS', 'DBU', q.dbu, o.room_id, 'CLEAN_ROOM', 'attributed',
           o.customer_id, CASE WHEN extract(hour FROM h.hour) < 20 THEN 'partner' ELSE 'customer' END, 'USD', 0.35, 0,
           q.dbu * 0.35, CASE WHEN extract(hour FROM h.hour) < 20 THEN q.dbu * 0.35 ELSE 0 END
    FROM room_ownerships o
    CROSS JOIN generate_series('${START}'::timestamptz, '${START}'::timestamptz + interval '${HOURS - 1} hours', interval '1 hour') AS h(hour)
    CROSS JOIN LATERAL (SELECT round((random() * 5)::numeric, 6) AS dbu) q`);
  // Bulk load: the rollups' key index is built once, after the rows.
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`ALTER TABLE usage_hourly DROP CONSTRAINT usage_hourly_pkey`);
  await client.query(`
    INSERT INTO usage_hourly (customer_id, hour, room_id, trigger, sku_name, currency, dbu, list_cost, partner_cost, records)
    SELECT customer_id, date_trunc('hour', usage_start_time, 'UTC'), room_id, trigger, sku_name, currency,
           sum(usage_quantity), sum(list_cost), sum(partner_cost), count(*)
    FROM usage_records GROUP BY 1, 2, 3, 4, 5, 6`);
  await client.query(`ALTER TABLE usage_hourly ADD CONSTRAINT usage_hourly_pkey
                      PRIMARY KEY (customer_id, hour, room_id, trigger, sku_name, currency)
                      INCLUDE (dbu, list_cost, partner_cost, records)`);
  await client.query(`VACUUM ANALYZE`);
}

const log = (message: string) => process.stderr.write(`${message}\n`);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
