import { CsvColumns, CsvRecord } from '../domain/csv-record';
import { KEY_BYTES } from '../domain/text-limits';
import { UndecodableRecord } from './json-records';
import { recordIdOf } from './usage-columns';
import { validateUsage } from './exports/usage.export';

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

  it('refuses a field over its limit, bytes that were not UTF-8 and an undecodable record, each on its own', () => {
    const columns = new CsvColumns(['record_id', 'record_type', 'sku_name', 'cloud']);
    const csv = (...values: string[]) => new CsvRecord(columns, values);
    const long = 'x'.repeat(KEY_BYTES + 1);
    const rows = [
      record({ record_id: 'kept' }),
      record({ record_id: 'room', usage_metadata: { central_clean_room_id: long } }),
      record({ record_id: long }),
      new UndecodableRecord(),
      csv('r-\udcff', 'ORIGINAL', 'SKU', 'AWS'),
      csv('csv-sku', 'ORIGINAL', long, 'AWS'),
    ].map((value, index) => ({ position: { index }, value }));
    const { valid, rejected } = validateUsage(rows);
    expect(valid.map((v) => recordIdOf(v.value))).toEqual(['kept']);
    expect(rejected).toEqual([
      expect.objectContaining({
        index: 1,
        recordId: 'room',
        code: 'field_too_long',
        field: 'usage_metadata.central_clean_room_id',
        message: `usage_metadata.central_clean_room_id is longer than ${KEY_BYTES} bytes (UTF-8), the most stored for it`,
      }),
      // An id over its limit is not echoed back.
      expect.objectContaining({ index: 2, recordId: null, code: 'field_too_long' }),
      expect.objectContaining({
        index: 3,
        recordId: null,
        code: 'invalid_encoding',
        field: null,
      }),
      expect.objectContaining({
        index: 4,
        recordId: null,
        code: 'invalid_encoding',
        field: 'record_id',
      }),
      expect.objectContaining({
        index: 5,
        recordId: 'csv-sku',
        code: 'field_too_long',
        field: 'sku_name',
      }),
    ]);
  });
});
