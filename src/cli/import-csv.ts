import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { SingleBar } from 'cli-progress';
// The API's own response shape (type only: nothing of the server is loaded).
import type { ImportResponse } from '../modules/usage/imports/import.dto';
import { errorMessage } from '../shared/errors/error-message';
import { IMPORT_PATHS, inputFileSize, parseArgs, resolveInputPath } from './import-args';
import {
  countLineBreaks,
  estimate,
  formatCount,
  formatDuration,
  RateMeter,
} from './import-progress';
import { formatReport } from './import-report';
import { describeRequestError, serviceBaseUrl } from './service-errors';

/**
 * `npm run import -- <file.csv> [--kind usage|prices|events]`: streams a Databricks export to a
 * running service (BILLING_API_URL, default http://localhost:3000) with BILLING_API_KEY, showing
 * progress in rows, then prints the import's counts and its problems per code. Going through the
 * API keeps one code path and works with the embedded database, which only the server process may
 * open. The parts worth testing live in the modules it imports; this file wires them.
 */
async function main(): Promise<void> {
  const { file, kind } = parseArgs(process.argv.slice(2));
  const input = resolveInputPath(file, process.env, process.cwd());
  const size = inputFileSize(file, input);
  const key = process.env.BILLING_API_KEY;
  if (!key) throw new Error('Set BILLING_API_KEY to a key with the ingest scope');
  const base = serviceBaseUrl(process.env.BILLING_API_URL);
  const route = IMPORT_PATHS[kind];

  // Own tokens: cli-progress's {eta} and {value} would be bytes, its ETA as jumpy as each chunk.
  const bar = new SingleBar({
    format: `${basename(input.path)} [{bar}] {percentage}% | {rows}/{totalRows} rows | {rowRate} rows/s | ETA {timeLeft}`,
    hideCursor: true,
  });
  const meter = new RateMeter();
  let bytesRead = 0;
  let lineBreaks = 0;
  let endsWithBreak = true;
  const show = () => {
    const rows = Math.max(0, lineBreaks - 1); // the header's line is no row
    meter.add(Date.now(), rows);
    const rate = meter.rate();
    const { totalRows, etaSeconds } = estimate({ rows, bytesRead, fileSize: size, rate });
    bar.update(bytesRead, {
      rows: formatCount(rows),
      totalRows: bytesRead >= size ? formatCount(totalRows) : `~${formatCount(totalRows)}`,
      rowRate: rate === null ? '…' : formatCount(rate),
      timeLeft: formatDuration(etaSeconds),
    });
  };
  bar.start(size, 0, { rows: '0', totalRows: '…', rowRate: '…', timeLeft: '…' });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      lineBreaks += countLineBreaks(chunk);
      if (chunk.length > 0) endsWithBreak = chunk[chunk.length - 1] === 10;
      show();
      done(null, chunk);
    },
    flush(done) {
      // A last line without a line break is a row too.
      if (!endsWithBreak) lineBreaks++;
      show();
      done();
    },
  });
  const body = Readable.toWeb(
    createReadStream(input.path).pipe(counter),
  ) as ReadableStream<Uint8Array>;
  const url = `${base}${route}?fileName=${encodeURIComponent(basename(input.path))}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' },
      body,
      duplex: 'half',
    });
  } catch (error) {
    throw describeRequestError(error, base);
  } finally {
    bar.stop();
  }
  const text = await response.text();
  if (!response.ok) throw new Error(httpFailure(response.status, text, base));
  const summary = JSON.parse(text) as ImportResponse;
  for (const line of formatReport(summary, route)) process.stdout.write(`${line}\n`);
  if (summary.status !== 'completed') process.exitCode = 1;
}

/** The service's refusal, with its detail, and what to do about a key it would not take. */
function httpFailure(status: number, text: string, base: string): string {
  let detail = text;
  try {
    const problem = JSON.parse(text) as { detail?: unknown; code?: unknown };
    if (typeof problem.detail === 'string') {
      detail =
        typeof problem.code === 'string' ? `${problem.code}: ${problem.detail}` : problem.detail;
    }
  } catch {
    // not JSON: the text as it came
  }
  const hint =
    status === 401
      ? `\nBILLING_API_KEY is not a key ${base} knows (or it was revoked).`
      : status === 403
        ? '\nBILLING_API_KEY needs the ingest (or admin) scope.'
        : '';
  return `HTTP ${status} from ${base}: ${detail}${hint}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exitCode = 1;
});
