import { Client } from 'pg';
import {
  attributionCtes,
  attributionSelect,
} from '../src/modules/usage/attribution/attribution.sql';
import { seconds } from './bench-support';
import { insertRegistry, PARTNER_DISCOUNT, ReportsWorld, SKUS } from './reports-world';

const HOUR_MS = 3_600_000;
/** A prime: room-hour k carries a second SKU's row when (k × STRIDE) mod room-hours < extra rows. */
const STRIDE = 1_000_003;
/** Two sessions at once: the machine has two cores, and each statement is one backend's work. */
const SESSIONS = 2;

export interface LoadFigures {
  readonly seconds: Record<string, number>;
  readonly rows: Record<string, number>;
  readonly sizes: Record<string, string>;
  readonly spotCheck: { readonly sampled: number; readonly mismatched: number };
}

/**
 * Runs, usage and rollups of the world, generated in SQL (INSERT … SELECT over generate_series):
 * a run in every room-hour (0–15 minutes in, 40–55 minutes long, 3 % failed after 12–25; so a
 * run may reach into the next hour), each hour's usage attributed as attribution would have it
 * (owner at the hour, trigger of the run covering most of the hour, list price, partner discount),
 * and the hourly rollups the attribution would have summed. Randomness is hashint8extended of the
 * room-hour with the world's seed: the same seed gives the same rows.
 */
export async function loadWorld(
  url: string,
  world: ReportsWorld,
  usageRows: number,
  log: (m: string) => void,
): Promise<LoadFigures> {
  const hours = Math.round((world.end.getTime() - world.start.getTime()) / HOUR_MS);
  const roomHours = world.rooms.length * hours;
  if (roomHours % STRIDE === 0) throw new Error('room-hours must not be a multiple of the stride');
  const times: Record<string, number> = {};
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await work();
    times[name] = seconds(t0);
    log(`  ${name}: ${times[name].toFixed(1)} s`);
  };
  const sessions = await Promise.all(
    Array.from({ length: SESSIONS }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET work_mem = '128MB'`);
      await client.query(`SET maintenance_work_mem = '512MB'`);
      return client;
    }),
  );
  const [main] = sessions;
  try {
    await timed('registry', async () => {
      await insertRegistry(main, world);
      await main.query(
        `CREATE FUNCTION bench_u(k bigint, salt integer) RETURNS float8 IMMUTABLE PARALLEL SAFE LANGUAGE sql AS
         $$ SELECT (hashint8extended(k, ${world.seed} * 100 + salt) & 9223372036854775807)::float8 / 9223372036854775807 $$`,
      );
      for (const month of world.months) {
        const from = new Date(`${month}-01T00:00:00Z`);
        const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
        await main.query(
          `CREATE TABLE IF NOT EXISTS usage_records_y${month.replace('-', 'm')} PARTITION OF usage_records
           FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
        );
      }
    });
    const monthRanges = world.months.map((month) => {
      const from = new Date(`${month}-01T00:00:00Z`);
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const first = Math.round((from.getTime() - world.start.getTime()) / HOUR_MS);
      return { first, last: Math.round((to.getTime() - world.start.getTime()) / HOUR_MS) };
    });
    const params = { world, hours, roomHours, usageRows };
    await timed('runs', () =>
      inParallel(sessions, monthRanges, (c, r) => insertRuns(c, params, r)),
    );
    await timed('usage_records', () =>
      inParallel(sessions, monthRanges, (c, r) => insertUsage(c, params, r)),
    );
    await timed('usage_hourly', async () => {
      await main.query(`ALTER TABLE usage_hourly DROP CONSTRAINT usage_hourly_pkey`);
      await inParallel(sessions, world.months, (c, month) =>
        c.query(`
          INSERT INTO usage_hourly (customer_id, hour, room_id, trigger, sku_name, currency, dbu, list_cost, partner_cost, records)
          SELECT customer_id, date_trunc('hour', usage_start_time, 'UTC'), room_id, trigger, sku_name, currency,
                 sum(usage_quantity), sum(list_cost), sum(partner_cost), count(*)
          FROM usage_records_y${month.replace('-', 'm')} WHERE status = 'attributed'
          GROUP BY 1, 2, 3, 4, 5, 6`),
      );
      await main.query(`ALTER TABLE usage_hourly ADD CONSTRAINT usage_hourly_pkey
                        PRIMARY KEY (customer_id, hour, room_id, trigger, sku_name, currency)
                        INCLUDE (dbu, list_cost, partner_cost, records)`);
    });
    await timed('rooms (last run, etag)', () =>
      main.query(`
        UPDATE clean_rooms c SET last_run_at = l.started_at, notebook_etag = l.notebook_etag
        FROM bench_rooms b CROSS JOIN LATERAL (
          SELECT started_at, notebook_etag FROM clean_room_runs r
          WHERE r.room_id = b.room_id ORDER BY started_at DESC LIMIT 1) l
        WHERE c.id = b.room_id`),
    );
    await main.query(`DROP TABLE bench_rooms`);
    await main.query(`DROP FUNCTION bench_u(bigint, integer)`);
    // This server runs without autovacuum: statistics and the visibility map (index-only scans
    // of the rollups) as autovacuum would leave them after such a load.
    await timed('VACUUM ANALYZE', () =>
      inParallel(sessions, ['usage_records', 'usage_hourly', 'clean_room_runs', ''], (c, table) =>
        c.query(`VACUUM (ANALYZE) ${table}`),
      ),
    );
    return {
      seconds: times,
      rows: await rowCounts(main),
      sizes: await tableSizes(main),
      spotCheck: await spotCheck(main),
    };
  } finally {
    await Promise.all(sessions.map((c) => c.end()));
  }
}

interface Params {
  readonly world: ReportsWorld;
  readonly hours: number;
  readonly roomHours: number;
  readonly usageRows: number;
}
type Range = { first: number; last: number };

/** The room-hours of a range of hours, each with its run's draws (shared by runs and usage). */
function roomHoursSql(p: Params, r: Range): string {
  return `
    FROM bench_rooms b CROSS JOIN generate_series(${r.first}, ${r.last - 1}) AS h(i)
    CROSS JOIN LATERAL (SELECT b.idx::bigint * ${p.hours} + h.i AS k,
                               timestamptz '${p.world.start.toISOString()}' + h.i * interval '1 hour' AS hour) x
    CROSS JOIN LATERAL (SELECT bench_u(x.k, 2) < 0.03 AS failed, bench_u(x.k, 4) < b.partner_share AS partner,
                               CASE WHEN b.handover_at <= x.hour THEN b.new_owner ELSE b.owner END AS owner,
                               CASE WHEN b.handover_at <= x.hour THEN b.new_owner_init ELSE b.owner_init END AS owner_init) f
    CROSS JOIN LATERAL (SELECT x.hour + floor(bench_u(x.k, 1) * 900) * interval '1 second' AS started,
                               CASE WHEN f.failed THEN 720 + floor(bench_u(x.k, 3) * 780)
                                    ELSE 2400 + floor(bench_u(x.k, 3) * 900) END AS seconds) t`;
}

function insertRuns(client: Client, p: Params, r: Range) {
  return client.query(
    `INSERT INTO clean_room_runs (room_id, run_id, notebook_name, notebook_etag, initiator, state, started_at, ended_at)
     SELECT b.room_id, (1000000000000 + x.k)::text, b.notebook,
            substr(md5(b.notebook || ':' || greatest(0, floor((h.i - b.lag_hours) / 1440.0))), 1, 16),
            CASE WHEN f.partner THEN $1 ELSE f.owner_init END,
            CASE WHEN f.failed THEN 'FAILED' ELSE 'SUCCESS' END,
            t.started, t.started + t.seconds * interval '1 second'
     ${roomHoursSql(p, r)}`,
    [p.world.partnerInitiator],
  );
}

/** One row of the jobs SKU per room-hour, and one of the SQL SKU in a spread share of them. */
function insertUsage(client: Client, p: Params, r: Range) {
  const extra = p.usageRows - p.roomHours;
  const pick = `(x.k * ${STRIDE}) % ${p.roomHours}`;
  return client.query(
    `INSERT INTO usage_records (record_id, record_type, usage_start_time, usage_end_time, usage_date, account_id, workspace_id,
                               sku_name, cloud, usage_unit, usage_quantity, room_id, billing_origin_product, ingestion_date,
                               usage_type, status, customer_id, trigger, currency, list_price, discount_rate, list_cost, partner_cost)
     SELECT 'bench-' || s.tag || '-' || lpad(x.k::text, 11, '0'), 'ORIGINAL', x.hour, x.hour + interval '1 hour',
            (x.hour AT TIME ZONE 'UTC')::date, 'bench-account', '1444828305810485', s.sku, 'AWS', 'DBU', q.dbu, b.room_id,
            'CLEAN_ROOM', (x.hour AT TIME ZONE 'UTC')::date + 1, 'COMPUTE_TIME', 'attributed', f.owner,
            CASE WHEN f.partner THEN 'partner' ELSE 'customer' END, 'USD', s.price, $1::numeric(9, 8),
            q.dbu * s.price, CASE WHEN f.partner THEN q.dbu * s.price * (1 - $1::numeric(9, 8)) ELSE 0 END
     ${roomHoursSql(p, r)}
     CROSS JOIN (VALUES ('j', '${SKUS.jobs.name}', ${SKUS.jobs.price}::numeric(38, 18), 1.0::float8),
                        ('s', '${SKUS.sql.name}', ${SKUS.sql.price}::numeric(38, 18), 0.25::float8)) AS s(tag, sku, price, share)
     CROSS JOIN LATERAL (SELECT round((b.base_dbu * s.share * (0.6 + 0.8 * bench_u(x.k, 5))
                                       * CASE WHEN f.failed THEN t.seconds / 3000.0 ELSE 1 END)::numeric, 9)::numeric(38, 18) AS dbu) q
     WHERE CASE s.tag WHEN 'j' THEN ${p.usageRows >= p.roomHours ? 'true' : `${pick} < ${p.usageRows}`}
                      ELSE ${extra > 0 ? `${pick} < ${extra}` : 'false'} END`,
    [PARTNER_DISCOUNT],
  );
}

async function inParallel<T>(
  sessions: Client[],
  items: readonly T[],
  work: (client: Client, item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    sessions.map(async (client) => {
      while (next < items.length) await work(client, items[next++]);
    }),
  );
}

async function rowCounts(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'usage_records',
    'usage_hourly',
    'clean_room_runs',
    'clean_rooms',
    'customers',
  ]) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

/** Heap, indexes and TOAST of each table (partitions summed). */
async function tableSizes(client: Client): Promise<Record<string, string>> {
  const sizes: Record<string, string> = {};
  for (const table of ['usage_records', 'usage_hourly', 'clean_room_runs']) {
    const { rows } = await client.query<{ size: string }>(
      `SELECT pg_size_pretty(coalesce(sum(pg_total_relation_size(relid)) FILTER (WHERE isleaf), pg_total_relation_size($1)))
         AS size FROM pg_partition_tree($1)`,
      [table],
    );
    sizes[table] = rows[0].size;
  }
  return sizes;
}

/**
 * The service's own attribution statement over a sample of the generated rows: each must come
 * out attributed to the same customer and trigger, with the same list and partner cost.
 */
async function spotCheck(client: Client): Promise<LoadFigures['spotCheck']> {
  const source = `(SELECT record_id, record_type, usage_start_time, usage_end_time, usage_date, account_id, workspace_id,
                          sku_name, cloud, usage_unit, usage_quantity, room_id, job_id, job_run_id, run_as,
                          billing_origin_product, ingestion_date, usage_type, custom_tags, extra, import_id, received_at
                   FROM usage_records TABLESAMPLE SYSTEM (0.02) REPEATABLE (7))`;
  const { rows } = await client.query<{ sampled: string; mismatched: string }>(`
    WITH ${attributionCtes()},
    attributed AS (${attributionSelect(source)})
    SELECT count(*) AS sampled,
           count(*) FILTER (WHERE a.status <> 'attributed' OR a.customer_id IS DISTINCT FROM u.customer_id
                            OR a.trigger IS DISTINCT FROM u.trigger OR a.list_cost IS DISTINCT FROM u.list_cost
                            OR a.partner_cost IS DISTINCT FROM u.partner_cost) AS mismatched
    FROM attributed a JOIN usage_records u
      ON u.record_id = a.record_id AND u.record_type = a.record_type AND u.usage_start_time = a.usage_start_time`);
  return { sampled: Number(rows[0].sampled), mismatched: Number(rows[0].mismatched) };
}
