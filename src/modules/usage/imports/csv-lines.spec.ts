import { PassThrough, Readable } from 'node:stream';
import { RecordProblem } from '../ingestion/ingest-outcome';
import { readCsvLines } from './csv-lines';

/** Reads `chunks` (Buffers, as an upload arrives) and returns the records and the problems. */
async function read(chunks: Buffer[]) {
  const problems: { problem: RecordProblem; lost: number }[] = [];
  const records: string[] = [];
  for await (const run of readCsvLines(Readable.from(chunks), (problem, lost) =>
    problems.push({ problem, lost }),
  )) {
    for (const { line, values } of run) records.push(`${line}:${values.join('|')}`);
  }
  return { records, problems };
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('readCsvLines', () => {
  it('numbers records by the line they start on, across quoted newlines, CRLF and empty lines', async () => {
    const { records, problems } = await read([
      bytes('\ufeffa,b,c\r\n1,"two\r\nlines",3\r\n\r\n4,"x""y",6\r\n'),
    ]);
    expect(records).toEqual(['1:a|b|c', '2:1|two\r\nlines|3', '5:4|x"y|6']);
    expect(problems).toEqual([]);
  });

  it('keeps a character whose bytes arrive in two chunks whole', async () => {
    const text = bytes('a,b\nZürich,€5\n');
    const cut = text.indexOf(0xe2) + 1; // inside the three bytes of €
    const { records } = await read([text.subarray(0, cut), text.subarray(cut)]);
    expect(records).toEqual(['1:a|b', '2:Zürich|€5']);
  });

  it('marks each byte that is not UTF-8 on its own line, whatever the chunks, and changes nothing else', async () => {
    const text = Buffer.concat([
      bytes('a,b\n1,Zürich\n2,x'),
      Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
      bytes('y\n3,€\n'),
    ]);
    const whole = await read([text]);
    expect(whole.records).toEqual([
      '1:a|b',
      '2:1|Zürich',
      '3:2|x\udcff\udcfe\udcc0\udc80y',
      '4:3|€',
    ]);
    // Cut inside the bad bytes and inside the € after them.
    const bad = text.indexOf(0xfe);
    const euro = text.indexOf(0xe2) + 2;
    const cut = await read([text.subarray(0, bad), text.subarray(bad, euro), text.subarray(euro)]);
    expect(cut.records).toEqual(whole.records);
  });

  it('reports a quote left open with every line it swallowed, and reads what comes before', async () => {
    const { records, problems } = await read([bytes('a,b\n1,2\n3,"open\n5,6\n7,8\n')]);
    expect(records).toEqual(['1:a|b', '2:1|2']);
    expect(problems).toHaveLength(1);
    expect(problems[0].lost).toBe(4);
    expect(problems[0].problem).toMatchObject({
      line: 3,
      code: 'malformed_csv_lines',
      outcome: 'rejected',
    });
    expect(problems[0].problem.message).toMatch(/^Lines 3–6 could not be read \(MissingQuotes/);
  });

  it('goes on after a file of many chunks without losing or repeating a record', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `${i},"v${i}"`);
    const text = bytes(`n,v\n${lines.join('\n')}\n`);
    const chunks: Buffer[] = [];
    for (let at = 0; at < text.length; at += 977) chunks.push(text.subarray(at, at + 977));
    const { records } = await read(chunks);
    expect(records).toHaveLength(5_001);
    expect(records[4_000]).toBe('4001:3999|v3999');
  });

  it('stops reading the upload while the records read are not taken', async () => {
    const input = new PassThrough();
    const records = readCsvLines(input, () => undefined);
    input.write('n\n');
    for (let i = 0; i < 1_000; i++) input.write(`${i}\n`.repeat(100));
    const first = await records.next();
    expect(first.done).toBe(false);
    // Not flowing: what the upload still sends stays in the socket, not in this process.
    expect(input.readableFlowing).toBe(false);
    input.end();
    let count = first.value ? first.value.length : 0;
    for await (const run of records) count += run.length;
    expect(count).toBe(100_001);
  });
});
