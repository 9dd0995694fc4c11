import { normalizeUsageRecord } from './normalize-usage-record';
import type { UsageRecord } from './usage-record';

// The header of test/fixtures/databricks/billing-usage.csv; rows as a CSV parser with `columns: true` gives.
// prettier-ignore
const HEADER = [
  'record_id', 'account_id', 'workspace_id', 'sku_name', 'cloud', 'usage_start_time',
  'usage_end_time', 'usage_date', 'custom_tags', 'usage_unit', 'usage_quantity',
  'usage_metadata.cluster_id', 'usage_metadata.warehouse_id', 'usage_metadata.job_id',
  'usage_metadata.job_run_id', 'usage_metadata.notebook_id', 'usage_metadata.notebook_path',
  'usage_metadata.central_clean_room_id', 'usage_metadata.budget_policy_id',
  'identity_metadata.run_as', 'identity_metadata.owned_by', 'identity_metadata.created_by',
  'record_type', 'ingestion_date', 'billing_origin_product', 'product_features.is_serverless',
  'product_features.performance_target', 'usage_type',
];
const csvRow = (values: string[]) => Object.fromEntries(HEADER.map((name, i) => [name, values[i]]));

const ACCOUNT = '0b8e4c2d-91aa-4f3e-b6d7-2c5e9f10a3b8';
const SKU = 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA';
const ROOM = 'e7b1c3d0-5a2f-4c8e-9d61-0f3a2b4c5d6e';
const at = (iso: string) => new Date(iso);

// Row 1, 3 and 4 of the sample: clean-room usage, a tagged job, a retraction.
// prettier-ignore
const CSV_ROOM_ROW = csvRow([
  '6f1c2a9e-3b7d-4e11-9a0c-5d2f8b1e7a41', ACCOUNT, '1444828305810485', SKU, 'AWS',
  '2025-06-03T10:00:00.000Z', '2025-06-03T11:00:00.000Z', '2025-06-03', '{}', 'DBU',
  '1.842275000000000000', '', '', '', '', '', '', ROOM, '', '', '', '', 'ORIGINAL', '2025-06-03',
  'CLEAN_ROOM', '', '', 'COMPUTE_TIME',
]);
// prettier-ignore
const CSV_JOB_ROW = csvRow([
  'c9e2f1a8-6d3b-4a7c-b0e5-1f2d3c4b5a69', ACCOUNT, '1444828305810485', SKU, 'AWS',
  '2025-06-03T09:00:00.000Z', '2025-06-03T10:00:00.000Z', '2025-06-03',
  '{"team":"partner-ops","env":"prod"}', 'DBU', '3.250000000000000000', '', '',
  '918273645501234', '482910573820011', '', '', '', '7c1e9a20-44b1-4d0e-8f55-2a6b7c8d9e01',
  'svc-etl@partner.example', '', '', 'ORIGINAL', '2025-06-03', 'JOBS', '', 'STANDARD',
  'COMPUTE_TIME',
]);
// prettier-ignore
const CSV_RETRACTION_ROW = csvRow([
  '5b7e0d3c-9f21-4e8a-a6c4-3d2e1f0a9b87', ACCOUNT, '1444828305810485', SKU, 'AWS',
  '2025-06-03T11:00:00.000Z', '2025-06-03T12:00:00.000Z', '2025-06-03', '{}', 'DBU',
  '-0.613400000000000000', '', '', '', '', '', '', ROOM, '', '', '', '', 'RETRACTION',
  '2025-06-06', 'CLEAN_ROOM', '', '', 'COMPUTE_TIME',
]);

const ROOM_RECORD: UsageRecord = {
  recordId: '6f1c2a9e-3b7d-4e11-9a0c-5d2f8b1e7a41',
  recordType: 'ORIGINAL',
  accountId: ACCOUNT,
  workspaceId: '1444828305810485',
  skuName: SKU,
  cloud: 'AWS',
  usageStartTime: at('2025-06-03T10:00:00.000Z'),
  usageEndTime: at('2025-06-03T11:00:00.000Z'),
  usageDate: '2025-06-03',
  customTags: {},
  usageUnit: 'DBU',
  usageQuantity: '1.842275',
  roomId: ROOM,
  jobId: null,
  jobRunId: null,
  runAs: null,
  billingOriginProduct: 'CLEAN_ROOM',
  ingestionDate: '2025-06-03',
  usageType: 'COMPUTE_TIME',
  // Every column the clean-room rows of the sample leave unread is blank: nothing to keep.
  extra: {},
};

describe('normalizeUsageRecord: sample rows', () => {
  it.each<[string, Record<string, unknown>, UsageRecord]>([
    ['CSV clean-room row', CSV_ROOM_ROW, ROOM_RECORD],
    [
      'CSV job row with tags',
      CSV_JOB_ROW,
      {
        ...ROOM_RECORD,
        recordId: 'c9e2f1a8-6d3b-4a7c-b0e5-1f2d3c4b5a69',
        usageStartTime: at('2025-06-03T09:00:00.000Z'),
        usageEndTime: at('2025-06-03T10:00:00.000Z'),
        customTags: { team: 'partner-ops', env: 'prod' },
        usageQuantity: '3.25',
        roomId: null,
        jobId: '918273645501234',
        jobRunId: '482910573820011',
        runAs: 'svc-etl@partner.example',
        billingOriginProduct: 'JOBS',
        // Only the unread columns with a value; identity_metadata has none left after run_as.
        extra: {
          usage_metadata: { budget_policy_id: '7c1e9a20-44b1-4d0e-8f55-2a6b7c8d9e01' },
          product_features: { performance_target: 'STANDARD' },
        },
      },
    ],
    [
      'CSV retraction row',
      CSV_RETRACTION_ROW,
      {
        ...ROOM_RECORD,
        recordId: '5b7e0d3c-9f21-4e8a-a6c4-3d2e1f0a9b87',
        recordType: 'RETRACTION',
        usageStartTime: at('2025-06-03T11:00:00.000Z'),
        usageEndTime: at('2025-06-03T12:00:00.000Z'),
        usageQuantity: '-0.6134',
        ingestionDate: '2025-06-06',
      },
    ],
    [
      'nested JSON export of the clean-room row, quantity quoted by quoteJsonNumbers',
      {
        record_id: '6f1c2a9e-3b7d-4e11-9a0c-5d2f8b1e7a41',
        record_type: 'ORIGINAL',
        account_id: ACCOUNT,
        workspace_id: '1444828305810485',
        sku_name: SKU,
        cloud: 'AWS',
        usage_start_time: '2025-06-03 10:00:00.000+00:00',
        usage_end_time: '2025-06-03 11:00:00.000+00:00',
        usage_date: '2025-06-03',
        custom_tags: {},
        usage_unit: 'DBU',
        usage_quantity: '1.842275000000000000',
        usage_metadata: { central_clean_room_id: ROOM, job_id: null, notebook_id: null },
        identity_metadata: { run_as: null, owned_by: null },
        product_features: { is_serverless: true, performance_target: null },
        billing_origin_product: 'CLEAN_ROOM',
        ingestion_date: '2025-06-03',
        usage_type: 'COMPUTE_TIME',
      },
      // The nulls are left out, and with them usage_metadata and identity_metadata, whose
      // other fields are all read.
      { ...ROOM_RECORD, extra: { product_features: { is_serverless: true } } },
    ],
  ])('%s', (_name, row, record) => {
    expect(normalizeUsageRecord(row)).toEqual({ ok: true, value: record });
  });
});

describe('normalizeUsageRecord: unknown fields', () => {
  it('keeps unknown columns and struct fields with a value in extra, nested, as given', () => {
    const result = normalizeUsageRecord({
      ...CSV_ROOM_ROW,
      'usage_metadata.app_id': 'app-7',
      'usage_metadata.app_name': '',
      'product_features.networking.connectivity_type': 'PUBLIC',
      'identity_metadata.run_by': 'Someone@Example.com',
      new_column: 'kept',
      new_blank_column: '',
      new_struct: { depth: { n: 1, flag: false, list: [1, 'a'], gone: null } },
      new_empty_struct: {},
    });
    // Absent values ('' or null) are left out; false, 0 and a struct given empty are values.
    expect(result.ok && result.value.extra).toEqual({
      usage_metadata: { app_id: 'app-7' },
      identity_metadata: { run_by: 'Someone@Example.com' },
      product_features: { networking: { connectivity_type: 'PUBLIC' } },
      new_column: 'kept',
      new_struct: { depth: { n: 1, flag: false, list: [1, 'a'] } },
      new_empty_struct: {},
    });
  });
});
