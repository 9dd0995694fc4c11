import { InfoRecord, Options, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { RecordProblem } from '../ingestion/ingest-outcome';

/** One CSV record: its fields and the line it starts on (the header is line 1). */
export interface CsvLine {
  readonly line: number;
  readonly values: string[];
}

/**
 * Streams a CSV file as records with their starting line. A record the parser cannot read is
 * reported and skipped; when it swallows several lines (an unbalanced quote makes the parser
 * read on to the next quote, or to the end of the file), the report names every line lost and
 * counts them all as rejected, so a broken file never looks like a short one.
 */
export function readCsvLines(
  input: Readable,
  onMalformed: (problem: RecordProblem, linesLost: number) => void,
) {
  let lastEnd = 0;
  let emptyLines = 0;
  const options: Options<CsvLine, string[]> = {
    columns: false,
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (values: string[], context: InfoRecord): CsvLine => {
      const line = lastEnd + 1 + (context.empty_lines - emptyLines);
      emptyLines = context.empty_lines;
      lastEnd = context.lines;
      return { line, values };
    },
  };
  // Records come out as CsvLine (on_record), which the untyped-columns overload cannot say.
  const parser = parse(options as unknown as Options);
  parser.on('skip', (error: Error & { lines?: number; code?: string }) => {
    const first = lastEnd + 1;
    const last = Math.max(first, error.lines ?? first);
    lastEnd = last;
    const code = error.code ?? 'CSV_ERROR';
    onMalformed(
      {
        line: first,
        recordId: null,
        outcome: 'rejected',
        code: last > first ? 'malformed_csv_lines' : 'malformed_csv',
        message:
          last > first
            ? `Lines ${first}–${last} could not be read (${code}: ${error.message}); fix the file and import it again`
            : `${code}: ${error.message}`,
      },
      last - first + 1,
    );
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  return parser as AsyncIterable<CsvLine>;
}
