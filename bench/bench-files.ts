import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvLine } from '../src/demo/databricks-csv';

/** Writes a CSV export: the header, then the generated rows, 10,000 lines a write. */
export async function writeCsvFile(
  path: string,
  header: readonly string[],
  rows: Iterable<string[]>,
): Promise<void> {
  const lines = (function* () {
    yield `${header.join(',')}\n`;
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(csvLine(row));
      if (chunk.length === 10_000) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
  })();
  await pipeline(Readable.from(lines), createWriteStream(path));
}
