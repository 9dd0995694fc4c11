import type { Client } from 'pg';
import { randomInt, randomUuid, seededRandom } from '../src/demo/seeded-random';

/** Billing zones of the generated customers, a half-hour zone among them. */
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/London',
  'Asia/Tokyo',
  'Asia/Kolkata',
];
const NOTEBOOKS = ['audience_overlap', 'attribution_model', 'lookalike_scoring', 'reach_frequency'];
export const SKUS = {
  jobs: { name: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', price: '0.35' },
  sql: { name: 'PREMIUM_SERVERLESS_SQL_COMPUTE_US_EAST_N_VIRGINIA', price: '0.70' },
} as const;
export const PARTNER_DISCOUNT = '0.15';

/** The plan templates the customers are on (reports-seed.ts): a third each. */
export const BENCH_PLANS = ['hybrid', 'pass_through', 'custom'] as const;
export type BenchPlan = (typeof BENCH_PLANS)[number];

export interface WorldCustomer {
  readonly id: string;
  readonly zone: string;
  readonly plan: BenchPlan;
  /** The customer's sharing identifier: its runs carry it as initiator. */
  readonly initiator: string;
  /** Whether the bench issues its invoices (all months but the last). */
  readonly invoiced: boolean;
}

export interface WorldRoom {
  readonly id: string;
  readonly owner: number;
  /** A handover to another customer at the start of a month (UTC), for a few rooms. */
  readonly handover: { readonly to: number; readonly at: Date } | null;
  readonly notebook: string;
  /** DBU of an ordinary hour, before the hour's own variation. */
  readonly baseDbu: number;
  /** Probability that a run of the room is the partner's. */
  readonly partnerShare: number;
  /** Hours after a notebook release before the room runs it. */
  readonly releaseLagHours: number;
}

export interface ReportsWorld {
  readonly seed: number;
  /** First hour of the usage (UTC) and the first instant after it; whole UTC months. */
  readonly start: Date;
  readonly end: Date;
  /** 'YYYY-MM' of each month of usage, oldest first. */
  readonly months: readonly string[];
  readonly partnerInitiator: string;
  readonly customers: readonly WorldCustomer[];
  readonly rooms: readonly WorldRoom[];
}

/**
 * The registry of the benchmark, drawn from the seeded generator: the same seed gives the same
 * ids, zones, plans and rooms, so two runs send the same requests. `months` whole UTC months end
 * at the start of the current month, or of the previous one in a month's first five days (the
 * last month's grace, 3 days by default, must have passed for its invoices to be finalized).
 */
export function generateWorld(options: {
  seed: number;
  customers: number;
  roomsPerCustomer: number;
  months: number;
  invoicedCustomers: number;
  now: Date;
}): ReportsWorld {
  const { seed, now } = options;
  const endMonth = now.getUTCMonth() - (now.getUTCDate() <= 5 ? 1 : 0);
  const end = new Date(Date.UTC(now.getUTCFullYear(), endMonth, 1));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - options.months, 1));
  const months = Array.from({ length: options.months }, (_, i) =>
    new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1))
      .toISOString()
      .slice(0, 7),
  );
  const customers: WorldCustomer[] = Array.from({ length: options.customers }, (_, i) => {
    const random = seededRandom(seed, 'customer', String(i));
    return {
      id: randomUuid(random),
      zone: ZONES[randomInt(random, 0, ZONES.length - 1)],
      plan: BENCH_PLANS[randomInt(random, 0, BENCH_PLANS.length - 1)],
      initiator: `aws:us-east-1:${randomUuid(random)}`,
      invoiced: i < options.invoicedCustomers,
    };
  });
  const rooms: WorldRoom[] = [];
  for (let c = 0; c < options.customers; c++) {
    for (let r = 0; r < options.roomsPerCustomer; r++) {
      const random = seededRandom(seed, 'room', String(c), String(r));
      const id = randomUuid(random);
      // One room in a hundred changes hands in the middle of the year.
      const handover =
        random() < 0.01 && options.customers > 1
          ? {
              to: (c + 1) % options.customers,
              at: new Date(
                Date.UTC(
                  start.getUTCFullYear(),
                  start.getUTCMonth() + Math.floor(options.months / 2),
                  1,
                ),
              ),
            }
          : null;
      rooms.push({
        id,
        owner: c,
        handover,
        notebook: NOTEBOOKS[randomInt(random, 0, NOTEBOOKS.length - 1)],
        baseDbu: 2 + random() * 38,
        partnerShare: 0.5 + random() * 0.45,
        releaseLagHours: randomInt(random, 0, 20 * 24),
      });
    }
  }
  const partnerInitiator = `aws:us-east-1:${randomUuid(seededRandom(seed, 'partner'))}`;
  return { seed, start, end, months, partnerInitiator, customers, rooms };
}

/**
 * Customers, their sharing identifiers and the partner's, rooms and their owners, written by SQL;
 * `bench_rooms` (a table dropped at the end of the load) carries each room's generation parameters
 * to the bulk statements.
 */
export async function insertRegistry(client: Client, world: ReportsWorld): Promise<void> {
  const c = world.customers;
  await client.query(
    `INSERT INTO customers (id, name, currency, billing_time_zone, created_at)
     SELECT id, 'Bench customer ' || n, 'USD', zone, timestamptz '2025-01-01' + n * interval '1 second'
     FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, zone, n)`,
    [c.map((x) => x.id), c.map((x) => x.zone)],
  );
  await client.query(
    `INSERT INTO party_identities (kind, value, party, customer_id, description)
     SELECT 'sharing_identifier', value, 'customer', id, 'bench' FROM unnest($1::text[], $2::uuid[]) AS t(value, id)
     UNION ALL SELECT 'sharing_identifier', $3, 'partner', NULL, 'bench partner'`,
    [c.map((x) => x.initiator), c.map((x) => x.id), world.partnerInitiator],
  );
  const r = world.rooms;
  await client.query(
    `CREATE TABLE bench_rooms (
       idx integer PRIMARY KEY, room_id text COLLATE "C" NOT NULL, owner uuid NOT NULL, owner_init text NOT NULL,
       new_owner uuid, new_owner_init text, handover_at timestamptz, notebook text NOT NULL,
       base_dbu float8 NOT NULL, partner_share float8 NOT NULL, lag_hours integer NOT NULL)`,
  );
  await client.query(
    `INSERT INTO bench_rooms
     SELECT n - 1, t.room_id, o.id, o.initiator, h.id, h.initiator, t.handover_at, t.notebook, t.base_dbu, t.partner_share, t.lag
     FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::text[], $6::float8[], $7::float8[], $8::int[])
          WITH ORDINALITY AS t(room_id, owner, new_owner, handover_at, notebook, base_dbu, partner_share, lag, n)
     JOIN unnest($9::uuid[], $10::text[]) WITH ORDINALITY AS o(id, initiator, k) ON o.k = t.owner + 1
     LEFT JOIN unnest($9::uuid[], $10::text[]) WITH ORDINALITY AS h(id, initiator, k) ON h.k = t.new_owner + 1`,
    [
      r.map((x) => x.id),
      r.map((x) => x.owner),
      r.map((x) => x.handover?.to ?? null),
      r.map((x) => x.handover?.at ?? null),
      r.map((x) => x.notebook),
      r.map((x) => x.baseDbu),
      r.map((x) => x.partnerShare),
      r.map((x) => x.releaseLagHours),
      c.map((x) => x.id),
      c.map((x) => x.initiator),
    ],
  );
  await client.query(
    `INSERT INTO clean_rooms (id, name, expected_run_interval_hours, created_at)
     SELECT room_id, 'bench-' || notebook || '-' || idx, 1, timestamptz '2025-01-01' + idx * interval '1 second'
     FROM bench_rooms`,
  );
  await client.query(
    `INSERT INTO room_ownerships (room_id, customer_id, effective_from)
     SELECT room_id, owner, $1 FROM bench_rooms
     UNION ALL SELECT room_id, new_owner, handover_at FROM bench_rooms WHERE new_owner IS NOT NULL`,
    [new Date(world.start.getTime() - 31 * 86_400_000)],
  );
}
