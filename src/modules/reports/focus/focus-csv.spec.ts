import { PassThrough } from 'node:stream';
import { FOCUS_EXPORT_HEADER } from './focus-columns';
import { csvLine, writeFocusCsv } from './focus-csv';
import { focusDateTime, hourOf, keyValue, type FocusRow } from './focus-row';

describe('FOCUS CSV values', () => {
  it('writes null as an empty unquoted field, quotes only what needs it', () => {
    expect(csvLine(['a', null, 'b,c', 'say "hi"', ' edge', 'line\nbreak', '-1.50'])).toBe(
      'a,,"b,c","say ""hi"""," edge","line\nbreak",-1.50\r\n',
    );
  });

  it('dates in UTC without milliseconds, hours floored', () => {
    expect(focusDateTime(new Date('2046-03-02T10:30:00.000Z'))).toBe('2046-03-02T10:30:00Z');
    expect(focusDateTime(hourOf(new Date('2046-03-02T10:59:59.999Z')))).toBe(
      '2046-03-02T10:00:00Z',
    );
  });

  it('writes key-value columns as JSON objects of the given entries, null when none', () => {
    expect(
      keyValue([
        ['cleanroom/trigger', 'partner'],
        ['cleanroom/notebook', null],
      ]),
    ).toBe('{"cleanroom/trigger":"partner"}');
    expect(keyValue([['cleanroom/trigger', null]])).toBeNull();
  });

  it('writes the header, then every batch, each row in header order', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const row = Object.fromEntries(
      FOCUS_EXPORT_HEADER.map((column, i) => [column, i === 0 ? '1.00' : null]),
    ) as FocusRow;
    const batches: FocusRow[][] = [[row], [], [{ ...row, BilledCost: '-2.00', Tags: '{"k":"v"}' }]];
    await writeFocusCsv(out, batches);
    const lines = chunks.join('').split('\r\n');
    const empty = ','.repeat(FOCUS_EXPORT_HEADER.length - 1);
    const tagsAt = FOCUS_EXPORT_HEADER.indexOf('Tags');
    const second = ['-2.00', ...Array<string>(FOCUS_EXPORT_HEADER.length - 1).fill('')];
    second[tagsAt] = '"{""k"":""v""}"';
    expect(lines).toEqual([FOCUS_EXPORT_HEADER.join(','), `1.00${empty}`, second.join(','), '']);
  });
});
