import fc from 'fast-check';
import { normalizeUsageRecord } from '../domain/normalize-usage-record';
import { isWithinUsageWindow } from '../domain/usage-window';
import { jsonUsageRow } from './json-usage-rows';
import { columnsOf, toRow, UsageRow } from './usage-columns';
import { expectRowAsReference } from '../../../../test/support/usage-row-expectations';

const columnsOrNull = (row: UsageRow | null) => (row === null ? null : columnsOf(row));

/** What the reference path stores for a record, or null when it refuses it. */
function referenceRow(record: unknown) {
  const normalized = normalizeUsageRecord(record);
  if (!normalized.ok || !isWithinUsageWindow(normalized.value.usageStartTime.getTime())) {
    return null;
  }
  return toRow(normalized.value);
}

/** Usually one of `usual` (as Databricks exports it), sometimes one of `unusual`. */
function field<T>(usual: T[], unusual: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...usual) },
    { weight: 1, arbitrary: fc.constantFrom(...unusual) },
  );
}

const ABSENT = Symbol('absent');

const record = fc.record({
  record_id: field(['6f1c2a9e-3b7d'], ['', ' 6f1c ', 42, null]),
  account_id: field(['0b8e4c2d', null], ['', 12, ' a ']),
  workspace_id: field(['1444828305810485'], [1444828305810485, '']),
  sku_name: field(['PREMIUM_JOBS_SERVERLESS'], ['', ' SKU']),
  cloud: field(['AWS', 'GCP'], ['aws', '']),
  usage_start_time: field(
    ['2025-06-03T10:00:00.000Z'],
    ['2025-06-03T10:00:00Z', '2025-06-03 10:00:00.000+00:00', '1999-01-01T00:00:00.000Z', 5],
  ),
  usage_end_time: field(['2025-06-03T11:00:00.000Z'], ['2025-06-03T10:00:00.000Z', '']),
  usage_date: field(['2025-06-03', null], ['2025-02-30', '']),
  custom_tags: field<unknown>(
    [{}, { team: 'a', n: 1, off: false, empty: '' }, '{"a":"b"}'],
    [{ nested: { x: '' } }, [], 'x', null],
  ),
  usage_unit: field(['DBU'], ['', null, ' DBU']),
  usage_quantity: field(['1.842275000000000000', '-0.6134', '0'], ['1.5E-3', ' 3 ', 'abc', 2.5]),
  usage_metadata: field<unknown>(
    [
      { central_clean_room_id: 'e7b1c3d0-5a2f' },
      { central_clean_room_id: 'E7B1C3D0', job_id: '11', job_run_id: '', cluster_id: null },
      { central_clean_room_id: 'e7b1', notebook_id: 'nb-1' },
    ],
    [{}, 'scalar', { central_clean_room_id: ['e7b1'] }, null],
  ),
  identity_metadata: field<unknown>(
    [{}, { run_as: 'Someone@Example.com' }, { run_as: '', owned_by: 'o@x.y' }],
    [{ run_as: '' }, null],
  ),
  record_type: field(['ORIGINAL', 'RETRACTION'], ['original', '']),
  ingestion_date: field(['2025-06-04'], ['', '2025-13-01']),
  billing_origin_product: field(['CLEAN_ROOM', null], ['']),
  product_features: field<unknown>([{}, { is_serverless: true }], [{ is_serverless: '' }]),
  usage_type: field(['COMPUTE_TIME'], ['']),
  new_field: field<unknown>([ABSENT], ['x', '', 5, { a: 1 }]),
  'usage_metadata.notebook_path': field<unknown>([ABSENT], ['/x', '']),
});

const withoutAbsent = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT));

describe('jsonUsageRow (the fast path of JSON usage records)', () => {
  it('stores exactly what the reference path stores, or leaves the record to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(record, (generated) => {
        const raw = withoutAbsent(generated);
        const row = jsonUsageRow(raw);
        if (row === null) return;
        fast++;
        expectRowAsReference(row, referenceRow(raw));
      }),
      { numRuns: 5000 },
    );
    expect(fast).toBeGreaterThan(50);
  });

  it('reads a record as the Databricks JSON export nests it', () => {
    const raw = {
      record_id: 'r-1',
      account_id: 'acc',
      sku_name: 'SKU',
      cloud: 'AWS',
      usage_start_time: '2025-06-03T10:00:00.000Z',
      usage_end_time: '2025-06-03T11:00:00.000Z',
      custom_tags: { team: 'a' },
      usage_quantity: '2.50',
      usage_metadata: { central_clean_room_id: 'ROOM-1', notebook_id: 'nb' },
      identity_metadata: {},
      record_type: 'ORIGINAL',
      product_features: { is_serverless: true },
    };
    const row = jsonUsageRow(raw);
    expect(columnsOrNull(row)).toEqual(referenceRow(raw));
    expect(columnsOrNull(row)?.slice(10, 12)).toEqual(['2.5', 'room-1']);
    expect(JSON.parse(String(columnsOrNull(row)?.[19]))).toEqual({
      usage_metadata: { notebook_id: 'nb' },
      identity_metadata: {},
      product_features: { is_serverless: true },
    });
  });

  it('leaves flattened records, lists and deeper structs to the reference', () => {
    const base = {
      record_id: 'r-1',
      sku_name: 'SKU',
      cloud: 'AWS',
      usage_start_time: '2025-06-03T10:00:00.000Z',
      usage_end_time: '2025-06-03T11:00:00.000Z',
      usage_quantity: '1',
      record_type: 'ORIGINAL',
    };
    expect(jsonUsageRow(base)).not.toBeNull();
    expect(jsonUsageRow({ ...base, 'usage_metadata.central_clean_room_id': 'r' })).toBeNull();
    expect(jsonUsageRow({ ...base, tags: ['a'] })).toBeNull();
    expect(jsonUsageRow({ ...base, usage_metadata: { deeper: { x: 1 } } })).toBeNull();
    expect(jsonUsageRow(JSON.parse('{"__proto__": {"a": 1}}'))).toBeNull();
  });
});
