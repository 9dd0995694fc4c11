import { normalizeUsageRecord } from './normalize-usage-record';
import type { UsageRecord } from './usage-record';

// A valid CSV row (as the CSV parser gives it), varied one field at a time below.
const ROW: Record<string, unknown> = {
  record_id: 'r1',
  record_type: 'ORIGINAL',
  sku_name: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA',
  cloud: 'AWS',
  usage_start_time: '2025-06-03T10:00:00.000Z',
  usage_end_time: '2025-06-03T11:00:00.000Z',
  usage_quantity: '1.500000000000000000',
  workspace_id: '',
  usage_date: '',
  custom_tags: '{}',
  'usage_metadata.central_clean_room_id': '',
  'identity_metadata.run_as': '',
};
const TWENTY_DIGITS = '12345678901234567890';
const EIGHTEEN_DECIMALS = '0.123456789012345678';

const normalize = (changes: Record<string, unknown>) =>
  normalizeUsageRecord({ ...ROW, ...changes });

// prettier-ignore
describe('normalizeUsageRecord: accepted values', () => {
  it.each<[string, Record<string, unknown>, Partial<UsageRecord>]>([
    ['record type upper-cased', { record_type: 'retraction' }, { recordType: 'RETRACTION' }],
    ['unknown record type kept, upper-cased', { record_type: 'Adjustment' }, { recordType: 'ADJUSTMENT' }],
    ['cloud upper-cased', { cloud: 'azure' }, { cloud: 'AZURE' }],
    ['ids trimmed', { record_id: '  r1  ' }, { recordId: 'r1' }],
    ['usage unit defaults to DBU', { usage_unit: '' }, { usageUnit: 'DBU' }],
    ['usage unit kept', { usage_unit: 'GPU_HOUR' }, { usageUnit: 'GPU_HOUR' }],
    ['18 decimals kept exactly', { usage_quantity: '1.842275000000000000' }, { usageQuantity: '1.842275' }],
    ['negative quantity', { usage_quantity: '-0.613400000000000000' }, { usageQuantity: '-0.6134' }],
    ['negative zero is zero', { usage_quantity: '-0.000' }, { usageQuantity: '0' }],
    ["leading '+'", { usage_quantity: ' +2.5 ' }, { usageQuantity: '2.5' }],
    ['exponent form', { usage_quantity: '1.5E-3' }, { usageQuantity: '0.0015' }],
    ['JSON number', { usage_quantity: 0.25 }, { usageQuantity: '0.25' }],
    ['bigint', { usage_quantity: 7n }, { usageQuantity: '7' }],
    ['20 integer digits', { usage_quantity: `-${TWENTY_DIGITS}` }, { usageQuantity: `-${TWENTY_DIGITS}` }],
    ['18 fraction digits', { usage_quantity: EIGHTEEN_DECIMALS }, { usageQuantity: EIGHTEEN_DECIMALS }],
    [
      'space-separated timestamps with offset',
      { usage_start_time: '2025-06-03 12:00:00+02:00', usage_end_time: '2025-06-03 11:00:00.5+00:00' },
      { usageStartTime: new Date('2025-06-03T10:00:00.000Z'), usageEndTime: new Date('2025-06-03T11:00:00.500Z') },
    ],
    ['room id lower-cased', { 'usage_metadata.central_clean_room_id': 'E7B1C3D0-AA' }, { roomId: 'e7b1c3d0-aa' }],
    ['run_as lower-cased', { 'identity_metadata.run_as': 'Svc@Partner.Example' }, { runAs: 'svc@partner.example' }],
    ['workspace id as a safe JSON number', { workspace_id: 1444828305810485 }, { workspaceId: '1444828305810485' }],
    ['workspace id beyond 2^53 as text', { workspace_id: '14448283058104851234' }, { workspaceId: '14448283058104851234' }],
    ['workspace id as bigint', { workspace_id: 14448283058104851234n }, { workspaceId: '14448283058104851234' }],
    ['dates kept as given', { usage_date: '2024-02-29', ingestion_date: '2024-03-02' }, { usageDate: '2024-02-29', ingestionDate: '2024-03-02' }],
    ['no custom tags', { custom_tags: '' }, { customTags: {} }],
    ['custom tags as JSON text', { custom_tags: '{"team":"x","cost_center":"42"}' }, { customTags: { team: 'x', cost_center: '42' } }],
    [
      'custom tag values coerced to strings, null and empty left out',
      { custom_tags: { n: 5, b: true, o: { k: 1 }, gone: null, blank: '' } },
      { customTags: { n: '5', b: 'true', o: '{"k":1}' } },
    ],
    ['a tag named __proto__ stays a tag', { custom_tags: '{"__proto__":"x"}' }, { customTags: JSON.parse('{"__proto__":"x"}') as Record<string, string> }],
  ])('%s', (_name, changes, expected) => {
    const result = normalize(changes);
    expect(result).toEqual({ ok: true, value: expect.objectContaining(expected) });
  });
});

// prettier-ignore
describe('normalizeUsageRecord: rejections', () => {
  it.each<[string, unknown, string, string | null]>([
    // [name, row, code, field]
    ['null', null, 'invalid_record', null],
    ['text', 'record', 'invalid_record', null],
    ['a list', [ROW], 'invalid_record', null],
    ['no record_id', { ...ROW, record_id: undefined }, 'missing_record_id', 'record_id'],
    ['blank record_id', { ...ROW, record_id: '  ' }, 'missing_record_id', 'record_id'],
    ['record_id of the wrong type', { ...ROW, record_id: { id: 1 } }, 'invalid_type', 'record_id'],
    ['empty record_type', { ...ROW, record_type: '' }, 'missing_record_type', 'record_type'],
    ['empty sku_name', { ...ROW, sku_name: '' }, 'missing_sku', 'sku_name'],
    ['no cloud', { ...ROW, cloud: null }, 'missing_cloud', 'cloud'],
    ['no start', { ...ROW, usage_start_time: '' }, 'invalid_timestamp', 'usage_start_time'],
    ['start without zone', { ...ROW, usage_start_time: '2025-06-03 10:00:00' }, 'invalid_timestamp', 'usage_start_time'],
    ['impossible end', { ...ROW, usage_end_time: '2025-02-30T11:00:00Z' }, 'invalid_timestamp', 'usage_end_time'],
    ['end equal to start', { ...ROW, usage_end_time: '2025-06-03 10:00:00+00:00' }, 'end_before_start', 'usage_end_time'],
    ['end before start', { ...ROW, usage_end_time: '2025-06-03T09:59:59.999Z' }, 'end_before_start', 'usage_end_time'],
    ['no quantity', { ...ROW, usage_quantity: '' }, 'invalid_quantity', 'usage_quantity'],
    ['quantity not a number', { ...ROW, usage_quantity: '1,5' }, 'invalid_quantity', 'usage_quantity'],
    ['quantity NaN', { ...ROW, usage_quantity: Number.NaN }, 'invalid_quantity', 'usage_quantity'],
    ['quantity with 21 integer digits', { ...ROW, usage_quantity: `1${TWENTY_DIGITS}` }, 'quantity_out_of_range', 'usage_quantity'],
    ['quantity with 19 decimals', { ...ROW, usage_quantity: `${EIGHTEEN_DECIMALS}1` }, 'quantity_out_of_range', 'usage_quantity'],
    ['custom tags not JSON', { ...ROW, custom_tags: '{team:x}' }, 'invalid_custom_tags', 'custom_tags'],
    ['custom tags a JSON list', { ...ROW, custom_tags: '["x"]' }, 'invalid_custom_tags', 'custom_tags'],
    ['custom tags a number', { ...ROW, custom_tags: 3 }, 'invalid_custom_tags', 'custom_tags'],
    ['impossible usage_date', { ...ROW, usage_date: '2025-02-30' }, 'invalid_date', 'usage_date'],
    ['ingestion_date as a timestamp', { ...ROW, ingestion_date: '2025-06-03T00:00:00Z' }, 'invalid_date', 'ingestion_date'],
    ['workspace id beyond 2^53 as a JSON number', { ...ROW, workspace_id: 2 ** 53 + 2 }, 'imprecise_number', 'workspace_id'],
    ['job id beyond 2^53 in a nested struct', { ...ROW, usage_metadata: { job_id: 2 ** 53 + 2 } }, 'imprecise_number', 'usage_metadata.job_id'],
  ])('%s: %s', (_name, row, code, field) => {
    const result = normalizeUsageRecord(row);
    expect(result).toEqual({
      ok: false,
      rejection: { code, field, message: expect.any(String) },
    });
  });
});

describe('normalizeUsageRecord: a minimal nested row', () => {
  it('has null optional fields, and null structs read as absent', () => {
    const result = normalizeUsageRecord({
      record_id: 'r1',
      record_type: 'original',
      sku_name: 'SKU',
      cloud: 'gcp',
      usage_start_time: '2025-06-03T10:00:00Z',
      usage_end_time: '2025-06-03T11:00:00Z',
      usage_quantity: 2,
      usage_metadata: null,
      identity_metadata: null,
      product_features: null,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        recordId: 'r1',
        recordType: 'ORIGINAL',
        accountId: null,
        workspaceId: null,
        skuName: 'SKU',
        cloud: 'GCP',
        usageStartTime: new Date('2025-06-03T10:00:00.000Z'),
        usageEndTime: new Date('2025-06-03T11:00:00.000Z'),
        usageDate: null,
        customTags: {},
        usageUnit: 'DBU',
        usageQuantity: '2',
        roomId: null,
        jobId: null,
        jobRunId: null,
        runAs: null,
        billingOriginProduct: null,
        ingestionDate: null,
        usageType: null,
        // product_features is never read, but a null struct carries nothing: left out.
        extra: {},
      },
    });
  });
});
