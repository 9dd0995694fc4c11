import { rmSync } from 'node:fs';
import { ServiceProcess } from './bench-support';
import { writeCsvFile } from './bench-files';
import { EVENTS_CSV_HEADER } from '../src/demo/databricks-csv';
import { generateRunEvents } from './event-generator';
import { postCsv } from './ingest-http';
import { hoursLater, IngestWorld } from './ingest-world';

/**
 * Events per export file. An upload must end within the HTTP server's request timeout (Node's
 * default, 5 minutes): at ~10,000 events/s, four million events in one file did not.
 */
const EVENTS_PER_FILE = 1_000_000;

export interface RunEventFiles {
  readonly paths: readonly string[];
  readonly events: number;
}

/** The events of one run per room-hour over `hours` from `world.start`, as several exports. */
export async function writeRunEventFiles(
  world: IngestWorld,
  hours: number,
  seed: number,
  pathPrefix: string,
): Promise<RunEventFiles> {
  const hoursPerFile = Math.max(1, Math.floor(EVENTS_PER_FILE / (2 * world.rooms.length)));
  const paths: string[] = [];
  let events = 0;
  for (let first = 0; first < hours; first += hoursPerFile) {
    const path = `${pathPrefix}-${paths.length}.csv`;
    const rows = generateRunEvents(
      hoursLater(world, first),
      Math.min(hoursPerFile, hours - first),
      seed + paths.length,
    );
    await writeCsvFile(
      path,
      EVENTS_CSV_HEADER,
      (function* () {
        for (const row of rows) {
          events++;
          yield row;
        }
      })(),
    );
    paths.push(path);
  }
  return { paths, events };
}

/** Imports the files one after the other; returns the summed counts of the imports. */
export async function importRunEventFiles(
  service: ServiceProcess,
  key: string,
  files: RunEventFiles,
): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const path of files.paths) {
    const summary = await postCsv(service, key, '/v1/clean-room-events/imports', path);
    if (summary.status !== 'completed') throw new Error(`events import ${JSON.stringify(summary)}`);
    for (const [name, value] of Object.entries(summary)) {
      if (typeof value === 'number') totals[name] = (totals[name] ?? 0) + value;
    }
  }
  return totals;
}

export function removeRunEventFiles(files: RunEventFiles | undefined): void {
  for (const path of files?.paths ?? []) rmSync(path, { force: true });
}
