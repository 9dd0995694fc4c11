import { recordIdOf } from './usage-columns';
import { validateUsage } from './usage-import-spec';

const record = (overrides: Record<string, unknown>) => ({
  record_id: 'r-1',
  record_type: 'ORIGINAL',
  sku_name: 'SKU',
  cloud: 'AWS',
  usage_start_time: '2025-06-03T10:00:00.000Z',
  usage_end_time: '2025-06-03T11:00:00.000Z',
  usage_quantity: '1',
  ...overrides,
});

describe('validateUsage', () => {
  it('keeps the rows in order whichever path reads them, and reports each refusal where it is', () => {
    const rows = [
      record({ record_id: 'fast' }),
      // Padded and in the Spark form: only the reference reads these.
      record({ record_id: ' slow ', usage_start_time: '2025-06-03 10:00:00+00:00' }),
      record({ record_id: ' early ', usage_start_time: '1999-06-03T10:00:00.000Z' }),
      record({ record_id: 'r-\ud800' }),
      record({ record_id: 'fast-2' }),
    ].map((value, index) => ({ position: { index }, value }));
    const { valid, rejected } = validateUsage(rows);
    expect(valid.map((v) => [v.position.index, recordIdOf(v.value)])).toEqual([
      [0, 'fast'],
      [1, 'slow'],
      [4, 'fast-2'],
    ]);
    expect(rejected).toEqual([
      expect.objectContaining({ index: 2, recordId: 'early', code: 'timestamp_out_of_range' }),
      expect.objectContaining({ index: 3, recordId: null, code: 'unstorable_text' }),
    ]);
  });
});
