import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FOCUS_EXPORT_HEADER } from './focus-columns';
import type { FocusRow } from './focus-row';

/**
 * Writes the header, then each batch of rows, as RFC 4180 CSV (CRLF): null is an empty unquoted
 * field; a value with a comma, quote, line break or edge space is quoted. Waits for the socket
 * to drain after a full buffer, so memory stays at one batch however long the file.
 */
export async function writeFocusCsv(
  out: Writable,
  batches: AsyncIterable<readonly FocusRow[]> | Iterable<readonly FocusRow[]>,
): Promise<void> {
  await write(out, csvLine(FOCUS_EXPORT_HEADER));
  for await (const rows of batches) {
    if (rows.length === 0) continue;
    await write(
      out,
      rows.map((row) => csvLine(FOCUS_EXPORT_HEADER.map((column) => row[column]))).join(''),
    );
  }
}

export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('The client went away');
  if (out.write(chunk)) return;
  // Drained, or closed (a client that went away never drains): whichever comes first.
  const done = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: done.signal }),
      once(out, 'close', { signal: done.signal }),
    ]);
  } finally {
    done.abort();
  }
  if (out.destroyed) throw new Error('The client went away');
}
