import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { seconds, ServiceProcess } from './bench-support';
import { writeCsvFile } from './bench-files';
import { postCsv } from './ingest-http';
import { hoursLater, IngestWorld } from './ingest-world';
import {
  importRunEventFiles,
  removeRunEventFiles,
  RunEventFiles,
  writeRunEventFiles,
} from './run-event-files';
import { USAGE_CSV_HEADER } from '../src/demo/databricks-csv';
import { generateUsage } from './usage-generator';

export interface ImportStep {
  readonly seconds: number;
  readonly summary: Record<string, unknown>;
}

export interface ArrivalOrders {
  readonly rows: number;
  readonly events: number;
  /** Events, then the usage they explain. */
  readonly natural: { readonly events: ImportStep; readonly usage: ImportStep };
  /** Usage first (its triggers unknown, quarantined), then its events, which re-attribute it. */
  readonly late: { readonly usage: ImportStep; readonly events: ImportStep };
  /** Whether both orders ended with the same amounts per trigger and nothing quarantined. */
  readonly sameResult: boolean;
}

/**
 * The same usage and runs (same seeds), imported in both orders over two ranges of hours from
 * `world.start`. Each import starts from a CHECKPOINT. The files are written before any
 * clock starts and removed afterwards.
 */
export async function compareArrivalOrders(
  service: ServiceProcess,
  key: string,
  admin: Client,
  url: string,
  world: IngestWorld,
  rows: number,
  pathPrefix: string,
): Promise<ArrivalOrders> {
  const hours = Math.ceil(rows / world.rooms.length);
  const naturalWorld = world;
  // An hour apart, so the runs of one range that end in the next hour do not reach the other.
  const lateWorld = hoursLater(world, hours + 1);
  const usagePath = (name: string) => `${pathPrefix}-${name}-usage.csv`;
  const eventFiles: Record<string, RunEventFiles> = {};
  const step = async (import_: () => Promise<Record<string, unknown>>) => {
    await admin.query('CHECKPOINT');
    const started = process.hrtime.bigint();
    const summary = await import_();
    return { seconds: seconds(started), summary };
  };
  const usage = (name: string) => () => postCsv(service, key, '/v1/usage/imports', usagePath(name));
  const runEvents = (name: string) => () => importRunEventFiles(service, key, eventFiles[name]);
  try {
    for (const [name, w] of [
      ['natural', naturalWorld],
      ['late', lateWorld],
    ] as const) {
      await writeCsvFile(usagePath(name), USAGE_CSV_HEADER, generateUsage(w, rows, 11));
      eventFiles[name] = await writeRunEventFiles(w, hours, 13, `${pathPrefix}-${name}-events`);
    }
    const naturalEvents = await step(runEvents('natural'));
    const naturalUsage = await step(usage('natural'));
    const lateUsage = await step(usage('late'));
    const lateEvents = await step(runEvents('late'));
    return {
      rows,
      events: eventFiles.natural.events,
      natural: { events: naturalEvents, usage: naturalUsage },
      late: { usage: lateUsage, events: lateEvents },
      sameResult: await sameAttribution(url, naturalWorld, lateWorld, hours),
    };
  } finally {
    for (const name of ['natural', 'late']) {
      rmSync(usagePath(name), { force: true });
      removeRunEventFiles(eventFiles[name]);
    }
  }
}

/** Amounts per trigger and status in each range of hours: equal when both orders agree. */
async function sameAttribution(
  url: string,
  natural: IngestWorld,
  late: IngestWorld,
  hours: number,
): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const totals = async (world: IngestWorld) => {
      const { rows } = await client.query<{ line: string }>(
        `SELECT concat_ws(' ', status, trigger, sum(usage_quantity), sum(list_cost), sum(partner_cost), count(*)) AS line
         FROM usage_records WHERE usage_start_time >= $1 AND usage_start_time < $2
         GROUP BY status, trigger ORDER BY status, trigger`,
        [world.start, new Date(world.start.getTime() + hours * 3_600_000)],
      );
      return rows.map((r) => r.line);
    };
    const [a, b] = [await totals(natural), await totals(late)];
    return (
      JSON.stringify(a) === JSON.stringify(b) && a.every((line) => line.startsWith('attributed'))
    );
  } finally {
    await client.end();
  }
}
