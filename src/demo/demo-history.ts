import { D, type Dec, formatDecimal } from '../shared/money/decimal';
import type { DemoCast, DemoCustomer, DemoRoom } from './demo-cast';
import {
  csvText,
  EVENTS_CSV_HEADER,
  LIST_PRICES_CSV_HEADER,
  USAGE_CSV_HEADER,
} from './databricks-csv';
import { randomInt, randomUuid, seededRandom } from './seeded-random';

/** Generated Databricks exports, as the three CSV files Databricks writes. */
export interface DemoHistory {
  /** First instant of the history: the first of the earliest month, UTC. */
  readonly from: Date;
  /** The "now" it was generated for: nothing after it (runs still going are left out). */
  readonly now: Date;
  /** The full months before now's month, oldest first ('YYYY-MM'): the ones to close. */
  readonly pastMonths: readonly string[];
  readonly pricesCsv: string;
  readonly eventsCsv: string;
  readonly usageCsv: string;
  readonly counts: { readonly runs: number; readonly events: number; readonly usageRows: number };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Two run slots a day that never share an hour (a slot's run ends by 12:29 or 23:29). */
const SLOTS = [
  { firstHour: 1, lastHour: 10 },
  { firstHour: 13, lastHour: 21 },
] as const;
/** Busier and quieter months, by calendar month, so any three months hold one of each. */
const MONTH_SWING = [0.75, 1, 1.25] as const;
const CORRECTION_CHANCE = 0.02;
const CORRECTION_DELAY_MS = 2 * DAY_MS;

interface Run {
  readonly room: DemoRoom;
  readonly id: string;
  readonly initiator: string;
  readonly partner: boolean;
  readonly start: Date;
  readonly end: Date;
  readonly state: string;
}

/**
 * `months` full months of history before `now`'s month plus that month up to `now`, for every
 * room of the cast: a few notebook runs a day (each the partner's or the customer's), the
 * hourly usage rows they burned, billed to the account of whoever triggered them, about one row
 * in fifty corrected two days later (a retraction and a restatement, as Databricks does), and
 * the SKU's list price. Each room-day comes from its own seeded generator, so the bytes depend
 * only on the seed and the days covered.
 */
export function generateDemoHistory(cast: DemoCast, now: Date, months = 3): DemoHistory {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const events: { at: number; values: string[] }[] = [];
  const usage: { at: number; values: string[] }[] = [];
  let runs = 0;
  for (const customer of cast.customers) {
    for (const room of customer.rooms) {
      for (let day = from.getTime(); day <= now.getTime(); day += DAY_MS) {
        const random = seededRandom(cast.seed, room.id, isoDay(day));
        for (const run of dayRuns(cast, customer, room, day, random)) {
          if (run.end > now) continue; // still running: its events and usage come later
          runs++;
          events.push(...runEvents(cast, run));
          for (const row of usageRows(cast, customer, run)) {
            if (row.at + HOUR_MS <= now.getTime()) usage.push(row);
          }
        }
      }
    }
  }
  const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;
  return {
    from,
    now,
    pastMonths: Array.from({ length: months }, (_, i) =>
      monthKey(new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1))),
    ),
    pricesCsv: csvText(LIST_PRICES_CSV_HEADER, [priceRow(cast)]),
    eventsCsv: csvText(
      EVENTS_CSV_HEADER,
      events.sort(byTime).map((event) => event.values),
    ),
    usageCsv: csvText(
      USAGE_CSV_HEADER,
      usage.sort(byTime).map((row) => row.values),
    ),
    counts: { runs, events: events.length, usageRows: usage.length },
  };
}

export function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayRuns(
  cast: DemoCast,
  customer: DemoCustomer,
  room: DemoRoom,
  day: number,
  random: () => number,
): Run[] {
  const date = new Date(day);
  const swing = MONTH_SWING[(date.getUTCFullYear() * 12 + date.getUTCMonth()) % 3];
  const runs: Run[] = [];
  for (const slot of SLOTS) {
    // Every draw is made whether or not the slot holds a run: the day's stream stays aligned.
    const happens = random() < room.profile.slotChance * swing;
    const startMinute = randomInt(random, slot.firstHour * 60, slot.lastHour * 60 + 59);
    const minutes = randomInt(random, 30, 90);
    const partner = random() < room.profile.partnerShare;
    const failed = random() < 0.03;
    const id = `${randomInt(random, 100_000, 999_999)}${randomInt(random, 100_000, 999_999)}`;
    if (!happens) continue;
    const start = new Date(day + startMinute * MINUTE_MS);
    runs.push({
      room,
      id,
      initiator: partner ? cast.partner.sharingIdentifier : customer.sharingIdentifier,
      partner,
      start,
      end: new Date(start.getTime() + minutes * MINUTE_MS),
      state: failed ? 'FAILED' : 'SUCCESS',
    });
  }
  return runs;
}

function runEvents(cast: DemoCast, run: Run): { at: number; values: string[] }[] {
  const random = seededRandom(cast.seed, run.room.id, run.id, 'events');
  const common = (at: Date, type: string) => [
    cast.partner.account,
    cast.partner.metastore,
    randomUuid(random),
    run.room.name,
    run.room.id,
    run.initiator,
    run.partner ? 'creator' : 'collaborator',
    at.toISOString(),
    type,
  ];
  const seconds = String((run.end.getTime() - run.start.getTime()) / 1000);
  return [
    {
      at: run.start.getTime(),
      values: [...common(run.start, 'RUN_NOTEBOOK_STARTED'), run.room.notebook, run.id, '', '', ''],
    },
    {
      at: run.end.getTime(),
      values: [...common(run.end, 'RUN_NOTEBOOK_COMPLETED'), '', '', run.id, run.state, seconds],
    },
  ];
}

/** One row per hour the run overlaps, its DBU in proportion to the run's minutes in that hour. */
function usageRows(
  cast: DemoCast,
  customer: DemoCustomer,
  run: Run,
): { at: number; values: string[] }[] {
  const random = seededRandom(cast.seed, run.room.id, run.id, 'usage');
  const rate = new D(run.room.profile.dbuPerMinute).times(randomInt(random, 80, 120)).div(100);
  const account = run.partner ? cast.partner.account : customer.account;
  const rows: { at: number; values: string[] }[] = [];
  const first = Math.floor(run.start.getTime() / HOUR_MS) * HOUR_MS;
  for (let hour = first; hour < run.end.getTime(); hour += HOUR_MS) {
    const minutes =
      (Math.min(run.end.getTime(), hour + HOUR_MS) - Math.max(run.start.getTime(), hour)) /
      MINUTE_MS;
    const quantity = rate.times(minutes);
    const recordId = randomUuid(random);
    const corrected = random() < CORRECTION_CHANCE;
    const row = (id: string, dbu: Dec, type: string, ingestedAt: number) =>
      usageRow(cast, run, account, hour, id, dbu, type, ingestedAt);
    rows.push({ at: hour, values: row(recordId, quantity, 'ORIGINAL', hour) });
    if (corrected) {
      // Databricks retracts the row and restates it, here at 90 % of the first figure.
      const at = hour + CORRECTION_DELAY_MS;
      const restatementId = randomUuid(random);
      rows.push({ at, values: row(recordId, quantity.neg(), 'RETRACTION', at) });
      rows.push({ at, values: row(restatementId, quantity.times('0.9'), 'RESTATEMENT', at) });
    }
  }
  return rows;
}

function usageRow(
  cast: DemoCast,
  run: Run,
  account: string,
  hour: number,
  recordId: string,
  dbu: Dec,
  recordType: string,
  ingestedAt: number,
): string[] {
  const start = new Date(hour);
  const values = new Map<string, string>([
    ['record_id', recordId],
    ['account_id', account],
    ['sku_name', cast.price.sku],
    ['cloud', cast.price.cloud],
    ['usage_start_time', start.toISOString()],
    ['usage_end_time', new Date(hour + HOUR_MS).toISOString()],
    ['usage_date', isoDay(hour)],
    ['custom_tags', '{}'],
    ['usage_unit', 'DBU'],
    ['usage_quantity', formatDecimal(dbu, 18)],
    ['usage_metadata.central_clean_room_id', run.room.id],
    ['record_type', recordType],
    ['ingestion_date', isoDay(ingestedAt)],
    ['billing_origin_product', 'CLEAN_ROOM'],
    ['usage_type', 'COMPUTE_TIME'],
  ]);
  return USAGE_CSV_HEADER.map((column) => values.get(column) ?? '');
}

function priceRow(cast: DemoCast): string[] {
  const { price } = cast;
  const listPrice = formatDecimal(new D(price.listPrice), 18);
  return [
    price.since,
    '',
    cast.partner.account,
    price.sku,
    price.cloud,
    price.currency,
    'DBU',
    listPrice,
    '',
    listPrice,
  ];
}
