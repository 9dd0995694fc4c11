import { CsvColumns, CsvRecord } from './csv-record';
import { KEY_BYTES, TAGS_BYTES, TEXT_BYTES, USAGE_TEXT_LIMITS } from './text-limits';
import { textProblemIn } from './text-problems';

const check = (raw: unknown) => textProblemIn(raw, USAGE_TEXT_LIMITS);
const long = (bytes: number) => 'x'.repeat(bytes + 1);

describe('textProblemIn, JSON rows', () => {
  it('finds nothing in a row of plain text', () => {
    expect(
      check({
        record_id: 'r-1',
        usage_metadata: { job_id: '7', notebook_path: `/${'p'.repeat(300)}` },
        custom_tags: { team: 'é😀' },
        n: 1,
        b: true,
        z: null,
      }),
    ).toBeNull();
  });

  it('names the first field that PostgreSQL cannot store, at any depth, keys included', () => {
    expect(check({ record_id: 'r-\ud800' })).toEqual({
      code: 'unstorable_text',
      field: 'record_id',
    });
    expect(check({ a: 'x', usage_metadata: { notebook_path: '/x\u0000' } })).toEqual({
      code: 'unstorable_text',
      field: 'usage_metadata.notebook_path',
    });
    expect(check({ custom_tags: { ['k\u0000']: 'v' } })?.field).toBe('custom_tags.k\u0000');
    expect(check({ list: ['ok', 'bad\udc00'] })?.field).toBe('list.1');
  });

  it('holds each field, nested or dotted, to its own limit', () => {
    const room = 'usage_metadata.central_clean_room_id';
    expect(check({ record_id: 'x'.repeat(KEY_BYTES) })).toBeNull();
    expect(check({ record_id: long(KEY_BYTES) })).toEqual({
      code: 'field_too_long',
      field: 'record_id',
      limit: KEY_BYTES,
    });
    // 171 × "€" is 513 bytes in 171 UTF-16 units: counted in bytes, not characters.
    expect(check({ sku_name: '€'.repeat(171) })?.field).toBe('sku_name');
    expect(check({ usage_metadata: { central_clean_room_id: long(KEY_BYTES) } })?.field).toBe(room);
    expect(check({ [room]: long(KEY_BYTES) })?.field).toBe(room);
    // Fields kept in `extra` and tag values take the general limit.
    expect(check({ usage_metadata: { notebook_path: 'x'.repeat(TEXT_BYTES) } })).toBeNull();
    expect(check({ usage_metadata: { notebook_path: long(TEXT_BYTES) } })).toEqual({
      code: 'field_too_long',
      field: 'usage_metadata.notebook_path',
      limit: TEXT_BYTES,
    });
    expect(check({ custom_tags: { team: long(TEXT_BYTES) } })?.field).toBe('custom_tags.team');
    expect(check({ other: [long(TEXT_BYTES)] })?.field).toBe('other.0');
    // custom_tags given as JSON text is held as a whole.
    expect(check({ custom_tags: JSON.stringify({ a: 'x'.repeat(TAGS_BYTES - 20) }) })).toBeNull();
    expect(check({ custom_tags: long(TAGS_BYTES) })?.limit).toBe(TAGS_BYTES);
  });

  it('refuses a name over the limit, and reports long names shortened', () => {
    const problem = check({ custom_tags: { [long(TEXT_BYTES)]: 'v' } });
    expect(problem).toMatchObject({ code: 'field_too_long', limit: TEXT_BYTES });
    expect(problem?.field).toMatch(/^custom_tags\.x+…$/);
    expect(problem?.field.length).toBe(201);
    // A long value under a long (but allowed) name: the path is shortened too.
    const under = check({ ['k'.repeat(300)]: long(TEXT_BYTES) });
    expect(under).toMatchObject({ code: 'field_too_long', field: `${'k'.repeat(200)}…` });
  });
});

describe('textProblemIn, CSV lines', () => {
  const columns = new CsvColumns([
    'record_id',
    'usage_metadata.central_clean_room_id',
    'usage_metadata.notebook_path',
    'custom_tags',
  ]);
  const line = (...values: string[]) => check(new CsvRecord(columns, values));

  it('looks at the non-blank cells, each held to its column limit', () => {
    expect(line('r-1', 'room', `/${'p'.repeat(2000)}`, '')).toBeNull();
    expect(line('r-1', long(KEY_BYTES), '', '')).toEqual({
      code: 'field_too_long',
      field: 'usage_metadata.central_clean_room_id',
      limit: KEY_BYTES,
    });
    expect(line('r-1', '', long(TEXT_BYTES), '')?.field).toBe('usage_metadata.notebook_path');
    expect(line('r-1', '', '', 'x'.repeat(TAGS_BYTES))).toBeNull();
    expect(line('r-1', '', '', long(TAGS_BYTES))?.field).toBe('custom_tags');
  });

  it('tells a NUL (unstorable) from bytes that were not UTF-8 (an unpaired surrogate)', () => {
    expect(line('r-1', 'a\u0000b', '', '')).toEqual({
      code: 'unstorable_text',
      field: 'usage_metadata.central_clean_room_id',
    });
    expect(line('r-\udcff\udcfe', '', '', '')).toEqual({
      code: 'invalid_encoding',
      field: 'record_id',
    });
  });

  it('refuses a value under a column whose name cannot be stored, naming it in a storable form', () => {
    const bad = new CsvColumns(['record_id', 'extra\u0000', 'bad\udcff', long(TEXT_BYTES)]);
    const of = (...values: string[]) => check(new CsvRecord(bad, values));
    expect(of('r-1', '', '', '')).toBeNull();
    expect(of('r-1', 'x', '', '')).toEqual({ code: 'unstorable_text', field: 'extra\ufffd' });
    expect(of('r-1', '', 'x', '')).toEqual({ code: 'invalid_encoding', field: 'bad\ufffd' });
    expect(of('r-1', '', '', 'x')).toMatchObject({ code: 'field_too_long', limit: TEXT_BYTES });
  });
});
