import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { RecordProblem } from '../ingestion/ingest-outcome';
import { markingUtf8Stream } from './utf8-decoder';

/** One CSV record: its fields and the line it starts on (the header is line 1). */
export interface CsvLine {
  readonly line: number;
  readonly values: string[];
}

type OnMalformed = (problem: RecordProblem, linesLost: number) => void;

const BOM = '\ufeff';

/**
 * Streams a CSV file as runs of records with their starting line (PapaParse: several times
 * faster than the alternatives, which matters at a million rows). The input is decoded as UTF-8
 * as it streams, a character split between two chunks kept whole and each byte that is not UTF-8
 * marked, for validation to refuse its line (see utf8-decoder.ts); parsing pauses while the
 * consumer has not taken what was read, so memory stays bounded.
 *
 * A record the parser cannot read (a broken quote) is reported and skipped. When it swallows
 * several lines (an unbalanced quote reads on to the next quote, or to the end of the file), the
 * report names every line lost and counts them all as rejected, so a broken file never looks
 * like a short one. Empty lines are skipped but counted. Field counts are the caller's to check.
 */
export async function* readCsvLines(
  input: Readable,
  onMalformed: OnMalformed,
): AsyncGenerator<CsvLine[]> {
  const text = input.pipe(markingUtf8Stream());
  const queue: CsvLine[][] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  // Set by the parser's callbacks, which TypeScript's flow analysis does not see.
  const parsing: { paused: Papa.Parser | null; failure: Error | null } = {
    paused: null,
    failure: null,
  };
  let line = 1;
  let first = true;
  const notify = () => {
    wake?.();
    wake = null;
  };

  Papa.parse<string[]>(text as unknown as File, {
    delimiter: ',',
    skipEmptyLines: false,
    chunk: (results, parser) => {
      const broken = brokenRows(results.errors, results.data.length);
      const records: CsvLine[] = [];
      results.data.forEach((values, row) => {
        const start = line;
        line += 1 + newlinesIn(values);
        if (first) {
          first = false;
          if (values[0]?.startsWith(BOM)) values[0] = values[0].slice(BOM.length);
        }
        const error = broken.get(row);
        if (error !== undefined) onMalformed(...malformed(start, line - 1, error));
        else if (values.length !== 1 || values[0] !== '') records.push({ line: start, values });
      });
      if (records.length > 0) queue.push(records);
      // The parser's pause stops parsing only; the decoded stream must stop too (and, through the
      // pipe's backpressure, the upload), or it piles up unread.
      parser.pause();
      text.pause();
      parsing.paused = parser;
      notify();
    },
    complete: () => {
      finished = true;
      notify();
    },
    error: (error: Error) => {
      parsing.failure = error;
      finished = true;
      notify();
    },
  });
  input.on('error', (error) => {
    parsing.failure = error;
    finished = true;
    notify();
  });

  for (;;) {
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (parsing.failure !== null) throw parsing.failure;
    if (finished) return;
    const parser = parsing.paused;
    parsing.paused = null;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    if (parser) {
      parser.resume();
      text.resume();
    }
    await woken;
  }
}

/** The first error of each row the parser reports in this chunk (errors past its rows are stale). */
function brokenRows(
  errors: readonly Papa.ParseError[],
  rows: number,
): Map<number, Papa.ParseError> {
  const broken = new Map<number, Papa.ParseError>();
  for (const error of errors) {
    if (error.row !== undefined && error.row < rows && !broken.has(error.row)) {
      broken.set(error.row, error);
    }
  }
  return broken;
}

function newlinesIn(values: readonly string[]): number {
  let count = 0;
  for (const value of values) {
    for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) count++;
  }
  return count;
}

function malformed(first: number, last: number, error: Papa.ParseError): [RecordProblem, number] {
  const reason = `${error.code}: ${error.message}`;
  return [
    {
      line: first,
      recordId: null,
      outcome: 'rejected',
      code: last > first ? 'malformed_csv_lines' : 'malformed_csv',
      message:
        last > first
          ? `Lines ${first}–${last} could not be read (${reason} on line ${first}); fix the file and import it again`
          : reason,
    },
    last - first + 1,
  ];
}
