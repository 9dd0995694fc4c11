import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { SingleBar } from 'cli-progress';
// The API's own response shape (type only: nothing of the server is loaded).
import type { ImportResponse } from '../modules/usage/imports/import.dto';
import { errorMessage } from '../shared/errors/error-message';

/**
 * `npm run import -- <file.csv> [--kind usage|prices|events]`: streams a Databricks export to a
 * running service (BILLING_API_URL, default http://localhost:3000) with BILLING_API_KEY, showing
 * upload progress, then prints the import's summary. Going through the API keeps one code path
 * and works with the embedded database, which only the server process may open.
 */
const PATHS = {
  usage: '/v1/usage/imports',
  prices: '/v1/prices/imports',
  events: '/v1/clean-room-events/imports',
};
type Kind = keyof typeof PATHS;

function parseArgs(argv: string[]): { file: string; kind: Kind } {
  const kindAt = argv.indexOf('--kind');
  const kind = (kindAt >= 0 ? argv[kindAt + 1] : 'usage') as Kind;
  const file = argv.find((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--kind');
  if (!file || !(kind in PATHS)) {
    throw new Error('usage: npm run import -- <file.csv> [--kind usage|prices|events]');
  }
  return { file, kind };
}

async function main(): Promise<void> {
  const { file, kind } = parseArgs(process.argv.slice(2));
  const key = process.env.BILLING_API_KEY;
  if (!key) throw new Error('Set BILLING_API_KEY to a key with the ingest scope');
  const base = process.env.BILLING_API_URL ?? 'http://localhost:3000';
  const size = statSync(file).size;

  const bar = new SingleBar({
    format: `${basename(file)} [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted}`,
  });
  const megabytes = (bytes: number) => Math.round(bytes / 1e5) / 10;
  bar.start(megabytes(size), 0);
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      bar.update(megabytes(sent));
      done(null, chunk);
    },
  });
  const body = Readable.toWeb(createReadStream(file).pipe(counter)) as ReadableStream<Uint8Array>;
  const url = `${base}${PATHS[kind]}?fileName=${encodeURIComponent(basename(file))}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' },
    body,
    duplex: 'half',
  });
  bar.stop();
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text}`);
  report(JSON.parse(text) as ImportResponse, kind);
}

function report(summary: ImportResponse, kind: Kind): void {
  const {
    id,
    status,
    lines,
    accepted,
    updated,
    duplicates,
    conflicts,
    quarantined,
    rejected,
    excluded,
  } = summary;
  process.stdout.write(
    `import ${id}: ${status}, ${lines} lines: ${accepted} accepted (${quarantined} quarantined, ${excluded} excluded), ` +
      `${updated} updated, ${duplicates} duplicates, ${conflicts} conflicts, ${rejected} rejected\n`,
  );
  for (const p of summary.problems.slice(0, 20)) {
    process.stdout.write(
      `  line ${p.line ?? '?'} ${p.recordId ?? ''} ${p.outcome} ${p.code}: ${p.message}\n`,
    );
  }
  if (summary.problems.length > 20 || summary.problemsTruncated) {
    process.stdout.write(`  … see GET ${PATHS[kind]}/${id} for the first 1,000 problems\n`);
  }
  if (status !== 'completed') process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exitCode = 1;
});
