import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { CsvColumns, CsvRecord } from '../domain/csv-record';
import { normalizeUsageRecord } from '../domain/normalize-usage-record';
import { isWithinUsageWindow } from '../domain/usage-window';
import { CsvUsageRows } from './csv-usage-rows';
import { columnsOf, recordFromRow, toRow, UsageRow } from './usage-columns';
import { expectRowAsReference } from '../../../../test/support/usage-row-expectations';

const columnsOrNull = (row: UsageRow | null) => (row === null ? null : columnsOf(row));

const HEADER = [
  'record_id',
  'account_id',
  'workspace_id',
  'sku_name',
  'cloud',
  'usage_start_time',
  'usage_end_time',
  'usage_date',
  'custom_tags',
  'usage_unit',
  'usage_quantity',
  'usage_metadata.cluster_id',
  'usage_metadata.job_id',
  'usage_metadata.job_run_id',
  'usage_metadata.central_clean_room_id',
  'identity_metadata.run_as',
  'identity_metadata.owned_by',
  'record_type',
  'ingestion_date',
  'billing_origin_product',
  'product_features.is_serverless',
  'usage_type',
  'a_column_databricks_adds_later',
];

/** What the reference path stores for a line, or null when it refuses it. */
function referenceRow(columns: CsvColumns, values: string[]) {
  const normalized = normalizeUsageRecord(new CsvRecord(columns, values));
  if (!normalized.ok || !isWithinUsageWindow(normalized.value.usageStartTime.getTime())) {
    return null;
  }
  return toRow(normalized.value);
}

// Per column: values as Databricks writes them (first), then others only the reference may read.
const choices: Record<string, [string[], string[]]> = {
  record_id: [['6f1c2a9e-3b7d'], ['', ' 6f1c ', 'R\u00e9c']],
  record_type: [
    ['ORIGINAL', 'RETRACTION', 'RESTATEMENT'],
    ['original', '', 'OTHER'],
  ],
  cloud: [
    ['AWS', 'AZURE', 'GCP'],
    ['aws', ''],
  ],
  sku_name: [['PREMIUM_JOBS_SERVERLESS'], ['', ' SKU']],
  usage_start_time: [
    ['2025-06-03T10:00:00.000Z', '2024-02-29T10:00:00.000Z'],
    [
      '2025-06-03T10:00:00Z',
      '2025-06-03 10:00:00.000+00:00',
      '2025-02-29T10:00:00.000Z',
      '1999-12-31T23:00:00.000Z',
      '2025-06-03T24:00:00.000Z',
      'abcd-06-03T10:00:00.000Z',
      '2025-06-03Tab:00:00.000Z',
      '2025-06-03T10:0x:00.000Z',
      '',
    ],
  ],
  usage_end_time: [
    ['2025-06-03T11:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['2025-06-03T10:00:00.000Z', '2025-06-03T11:00:00+01:00', ''],
  ],
  usage_date: [
    ['2025-06-03', ''],
    ['2025-6-3', '2025-02-30', 'abcd-06-03', ' 2025-06-03'],
  ],
  ingestion_date: [['2025-06-04', ''], ['2025-13-01']],
  usage_quantity: [
    ['1.842275000000000000', '-0.613400000000000000', '0', '-0.000', '007.50'],
    ['1.5E-3', '+2', ' 3 ', '', 'abc', '123456789012345678901'],
  ],
  custom_tags: [
    ['', '{}', '{"team":"a","n":1,"empty":""}'],
    ['[1]', 'x', ' {}'],
  ],
  usage_unit: [['DBU', ''], [' DBU']],
  'usage_metadata.central_clean_room_id': [
    ['e7b1c3d0-5a2f', 'E7B1C3D0-5A2F', '', 'ROOM-\u00c4'],
    [],
  ],
  'identity_metadata.run_as': [['', 'Someone@Example.com', 'a@b.c'], []],
};
const other: [string[], string[]] = [
  ['', 'x-1', 'Ab9', 'ü-nicode', '"quoted"'],
  [' padded ', '\ttab'],
];
const column = ([usual, unusual]: [string[], string[]]) =>
  unusual.length === 0
    ? fc.constantFrom(...usual)
    : fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...usual) },
        { weight: 1, arbitrary: fc.constantFrom(...unusual) },
      );
const line = fc.tuple(...HEADER.map((name) => column(choices[name] ?? other)));

describe('CsvUsageRows (the fast path of CSV usage imports)', () => {
  const columns = new CsvColumns(HEADER);
  const plan = CsvUsageRows.for(columns);

  it('stores exactly what the reference path stores, or leaves the line to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(line, (values) => {
        const row = plan.rowOf(values);
        if (row === null) return;
        fast++;
        expectRowAsReference(row, referenceRow(columns, values));
      }),
      { numRuns: 5000 },
    );
    // Most generated lines have some field only the reference reads; enough must not.
    expect(fast).toBeGreaterThan(20);
  });

  it('takes every line of the Databricks sample export', () => {
    const sample = readFileSync(
      join(__dirname, '../../../../test/fixtures/databricks/billing-usage.csv'),
      'utf8',
    );
    const [header, ...lines] = Papa.parse<string[]>(sample.trim()).data;
    const sampleColumns = new CsvColumns(header);
    const samplePlan = CsvUsageRows.for(sampleColumns);
    for (const values of lines) {
      expect(columnsOrNull(samplePlan.rowOf(values))).toEqual(referenceRow(sampleColumns, values));
    }
  });

  it('keeps the unread columns in extra, nested, as the reference does', () => {
    const values = HEADER.map((name) =>
      name === 'usage_start_time'
        ? '2025-06-03T10:00:00.000Z'
        : name === 'usage_end_time'
          ? '2025-06-03T11:00:00.000Z'
          : name === 'usage_quantity'
            ? '1.5'
            : name === 'record_type'
              ? 'ORIGINAL'
              : name === 'cloud'
                ? 'AWS'
                : name === 'usage_date' || name === 'ingestion_date'
                  ? '2025-06-03'
                  : name === 'custom_tags'
                    ? '{"team":"a"}'
                    : `v-${name}`,
    );
    const row = plan.rowOf(values);
    expect(columnsOrNull(row)).toEqual(referenceRow(columns, values));
    expect(JSON.parse(String(columnsOrNull(row)?.[19]))).toEqual({
      usage_metadata: { cluster_id: 'v-usage_metadata.cluster_id' },
      identity_metadata: { owned_by: 'v-identity_metadata.owned_by' },
      product_features: { is_serverless: 'v-product_features.is_serverless' },
      a_column_databricks_adds_later: 'v-a_column_databricks_adds_later',
    });
  });

  it('agrees with the reference on repeated and overlapping column names', () => {
    // A repeated name (the second lands in extra as given) and a plain column that a dotted one
    // would nest under.
    const header = [...HEADER, 'usage_type', 'usage_metadata', 'identity_metadata.run_as'];
    const odd = new CsvColumns(header);
    const values = header.map((name, i) =>
      i >= HEADER.length ? `again-${i}` : (choices[name]?.[0][0] ?? `v-${name}`),
    );
    const row = CsvUsageRows.for(odd).rowOf(values);
    expect(row).not.toBeNull();
    expect(columnsOrNull(row)).toEqual(referenceRow(odd, values));
  });

  it('gives back the record a row was made from (a conflict reports it)', () => {
    const values = HEADER.map((name) => (choices[name] ? '' : 'kept'));
    Object.assign(values, {
      0: 'id-1',
      3: 'SKU',
      4: 'AWS',
      5: '2025-06-03T10:00:00.000Z',
      6: '2025-06-03T11:00:00.000Z',
      8: '{"team":"a"}',
      10: '2.5',
      17: 'ORIGINAL',
    });
    const record = normalizeUsageRecord(new CsvRecord(columns, values));
    if (!record.ok) throw new Error(record.rejection.message);
    const back = recordFromRow(toRow(record.value));
    expect(back).toEqual(record.value);
    expect(JSON.stringify(back)).toBe(JSON.stringify(record.value));
  });
});
