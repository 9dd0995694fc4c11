import { CsvColumns, CsvRecord } from './csv-record';
import { isStorableText, unstorableTextIn } from './storable-text';

describe('isStorableText', () => {
  it.each<[string, boolean]>([
    ['plain', true],
    ['', true],
    ['é and 😀 (a surrogate pair)', true],
    ['nul \u0000 inside', false],
    ['lone high \ud800', false],
    ['lone low \udfff first', false],
    ['pair reversed \udfff\ud800', false],
  ])('%j -> %p', (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });
});

describe('unstorableTextIn', () => {
  it('names the first field of a JSON row that cannot be stored, at any depth, keys included', () => {
    expect(unstorableTextIn({ record_id: 'r-1', usage_metadata: { job_id: '7' } })).toBeNull();
    expect(unstorableTextIn({ record_id: 'r-\ud800' })).toBe('record_id');
    expect(unstorableTextIn({ a: 'x', usage_metadata: { notebook_path: '/x\u0000' } })).toBe(
      'usage_metadata.notebook_path',
    );
    expect(unstorableTextIn({ custom_tags: { ['k\u0000']: 'v' } })).toBe('custom_tags.k\u0000');
    expect(unstorableTextIn({ list: ['ok', 'bad\udc00'] })).toBe('list.1');
    expect(unstorableTextIn({ n: 1, b: true, z: null })).toBeNull();
  });

  it('looks at the non-blank cells of a CSV line', () => {
    const columns = new CsvColumns(['record_id', 'usage_metadata.job_id', 'extra\u0000']);
    expect(unstorableTextIn(new CsvRecord(columns, ['r-1', '7', '']))).toBeNull();
    expect(unstorableTextIn(new CsvRecord(columns, ['r-1', 'a\u0000b', '']))).toBe(
      'usage_metadata.job_id',
    );
    expect(unstorableTextIn(new CsvRecord(columns, ['r-1', '7', 'x']))).toBe('extra\u0000');
  });
});
