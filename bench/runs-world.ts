import type { Client } from 'pg';

export interface RunsWorld {
  readonly roomId: string;
  readonly customerId: string;
  /** The month read: [from, to). */
  readonly from: Date;
  readonly to: Date;
}

/** August 2026: 31 days, 744 hours. */
const MONTH_START = '2026-08-01T00:00:00Z';
const MONTH_HOURS = 744;

/**
 * One room written by SQL in bulk (never through the API): `historyMonths` × 30 days of earlier
 * hours, then the month read. Every hour gets one run, started at a pseudo-random minute of it and
 * lasting 15 to 104 minutes, so most hours are shared by two runs; every 97th run lasts 8 hours
 * (longer than the attribution's ordinary-run bound), so the long-run index has rows too. Every
 * hour has usage of both triggers, with DBU at 6 decimals and costs at list price 0.35.
 */
export async function seedRunsWorld(client: Client, historyMonths: number): Promise<RunsWorld> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SELECT setseed(0.42)`);
  const customer = await client.query<{ id: string }>(
    `INSERT INTO customers (name, currency) VALUES ('Bench runs', 'USD') RETURNING id`,
  );
  const customerId = customer.rows[0].id;
  const room = await client.query<{ id: string }>(
    `INSERT INTO clean_rooms (id, name) VALUES (lower(gen_random_uuid()::text), 'bench-runs') RETURNING id`,
  );
  const roomId = room.rows[0].id;
  const historyHours = historyMonths * 30 * 24;
  const first = `'${MONTH_START}'::timestamptz - interval '${historyHours} hours'`;
  await client.query(
    `INSERT INTO room_ownerships (room_id, customer_id, effective_from) VALUES ($1, $2, ${first} - interval '1 day')`,
    [roomId, customerId],
  );
  const hours = `generate_series(${first}, '${MONTH_START}'::timestamptz + interval '${MONTH_HOURS - 1} hours', interval '1 hour')`;
  await client.query(
    `INSERT INTO clean_room_runs (room_id, run_id, notebook_name, notebook_etag, initiator, state, started_at, ended_at)
     SELECT $1, 'run-' || lpad(n::text, 6, '0'), 'bench_notebook', 'v1', 'aws:us-east-1:bench', 'SUCCESS',
            s.started_at,
            s.started_at + CASE WHEN n % 97 = 0 THEN interval '8 hours'
                                ELSE make_interval(mins => 15 + floor(random() * 90)::int) END
     FROM (SELECT row_number() OVER (ORDER BY h) AS n,
                  h + make_interval(secs => floor(random() * 3600)::int) AS started_at
           FROM ${hours} AS h) s`,
    [roomId],
  );
  await client.query(
    `INSERT INTO usage_hourly (customer_id, hour, room_id, trigger, sku_name, currency, dbu, list_cost, partner_cost, records)
     SELECT $2, h, $1, t.trigger, 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', 'USD',
            q.dbu, q.dbu * 0.35, CASE WHEN t.trigger = 'partner' THEN q.dbu * 0.35 ELSE 0 END, 1
     FROM ${hours} AS h
     CROSS JOIN (VALUES ('partner'), ('customer')) AS t(trigger)
     -- Correlated, so each row draws its own quantity.
     CROSS JOIN LATERAL (SELECT round((random() * 5)::numeric, 6) AS dbu WHERE h IS NOT NULL AND t.trigger IS NOT NULL) q`,
    [roomId, customerId],
  );
  await client.query(`VACUUM ANALYZE`);
  const from = new Date(MONTH_START);
  return {
    roomId,
    customerId,
    from,
    to: new Date(from.getTime() + MONTH_HOURS * 3_600_000),
  };
}
