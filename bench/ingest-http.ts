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
  const { status, lines, accepted, rejected, duplicates, quarantined } = body;
  return { status, lines, accepted, rejected, duplicates, quarantined };
}

/** Two requests in flight, as a loader with a little concurrency would send them. */
export async function postJson(
  service: ServiceProcess,
  key: string,
  bodies: Buffer[],
): Promise<number> {
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const result = await fetch(`${service.baseUrl}/v1/usage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
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
