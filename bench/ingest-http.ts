import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ServiceProcess } from './bench-support';

/** Streams a CSV export to an import endpoint; returns the import's summary. */
export async function postCsv(
  service: ServiceProcess,
  key: string,
  endpoint: '/v1/usage/imports' | '/v1/clean-room-events/imports',
  path: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${service.baseUrl}${endpoint}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${endpoint}: HTTP ${response.status} ${JSON.stringify(body)}`);
  // Each data line is counted once, under one of these: they add up to the lines less the header.
  const { status, lines, accepted, quarantined, excluded, duplicates, conflicts, rejected } = body;
  return { status, lines, accepted, quarantined, excluded, duplicates, conflicts, rejected };
}

type StoredCounts = { accepted?: number; quarantined?: number; excluded?: number };

/**
 * Two requests in flight, as a loader with a little concurrency would send them. Returns the
 * records stored: accepted, quarantined and excluded are each counted apart.
 */
export async function postJson(
  service: ServiceProcess,
  key: string,
  bodies: Buffer[],
): Promise<number> {
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const result = await fetch(`${service.baseUrl}/v1/usage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body,
      });
      const summary = (await result.json()) as StoredCounts;
      if (!result.ok)
        throw new Error(`JSON ingest: HTTP ${result.status} ${JSON.stringify(summary)}`);
      stored += (summary.accepted ?? 0) + (summary.quarantined ?? 0) + (summary.excluded ?? 0);
    }
  };
  await Promise.all([worker(), worker()]);
  return stored;
}
