import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from './test-app';

/** Databricks' sample exports (test/fixtures/databricks/), kept in the repo so tests never reach outside it. */
export const SAMPLE_ROOM = 'e7b1c3d0-5a2f-4c8e-9d61-0f3a2b4c5d6e';
export const SAMPLE_ACCOUNT = '0b8e4c2d-91aa-4f3e-b6d7-2c5e9f10a3b8';
export const SAMPLE_SKU = 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA';

export function sampleCsv(name: 'billing-usage' | 'list-prices' | 'clean-room-events'): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'databricks', `${name}.csv`), 'utf8');
}

export function importCsv(t: TestApp, path: string, csv: string, key?: string) {
  return t.http.post(path).set(t.auth(key)).set('Content-Type', 'text/csv').send(csv);
}

/** A nested (JSON export) usage row with sensible defaults. */
export function usageRow(
  overrides: Record<string, unknown> & { record_id: string },
): Record<string, unknown> {
  return {
    record_type: 'ORIGINAL',
    account_id: SAMPLE_ACCOUNT,
    workspace_id: '1444828305810485',
    sku_name: SAMPLE_SKU,
    cloud: 'AWS',
    usage_start_time: '2025-06-03T10:00:00.000Z',
    usage_end_time: '2025-06-03T11:00:00.000Z',
    usage_date: '2025-06-03',
    custom_tags: {},
    usage_unit: 'DBU',
    usage_quantity: '1.000000000000000000',
    usage_metadata: { central_clean_room_id: SAMPLE_ROOM },
    identity_metadata: {},
    ingestion_date: '2025-06-03',
    billing_origin_product: 'CLEAN_ROOM',
    usage_type: 'COMPUTE_TIME',
    ...overrides,
  };
}

/** The sample SKU at 0.35 USD/DBU from 2025 on (sending it again is a harmless duplicate). */
export async function priceSampleSku(t: TestApp): Promise<void> {
  await t.http
    .post('/v1/prices')
    .set(t.auth())
    .send({
      prices: [
        {
          price_start_time: '2025-01-01T00:00:00Z',
          sku_name: SAMPLE_SKU,
          cloud: 'AWS',
          currency_code: 'USD',
          'pricing.default': '0.35',
        },
      ],
    })
    .expect(200);
}

export interface DailyUsageRow {
  customerId: string;
  day: string;
  timeZone: string;
  roomId: string;
  trigger: string;
  skuName: string;
  currency: string;
  dbu: string;
  listCost: string;
  partnerCost: string;
  records: number;
}

/** Every row of GET /v1/usage/daily for the query, read page by page. */
export async function dailyUsage(
  t: TestApp,
  query: { from: string; to: string; customerId?: string; roomId?: string; limit?: number },
  key?: string,
): Promise<DailyUsageRow[]> {
  const rows: DailyUsageRow[] = [];
  let cursor: string | undefined;
  do {
    const response = await t.http
      .get('/v1/usage/daily')
      .query(cursor === undefined ? query : { ...query, cursor })
      .set(t.auth(key))
      .expect(200);
    const page = response.body as { data: DailyUsageRow[]; nextCursor: string | null };
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}

/** A room's June 2025 usage per day, as GET /v1/usage/daily reports it (every page). */
export function juneUsageOfRoom(t: TestApp, roomId: string): Promise<DailyUsageRow[]> {
  return dailyUsage(t, { roomId, from: '2025-06-01', to: '2025-07-01' });
}

/** A RUN_NOTEBOOK_STARTED or _COMPLETED event, nested as the JSON export gives it. */
export function runEvent(
  roomId: string,
  type: 'STARTED' | 'COMPLETED',
  runId: string,
  time: string,
  extra: { initiator?: string; etag?: string; state?: string } = {},
): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    central_clean_room_id: roomId,
    event_time: time,
    event_type: `RUN_NOTEBOOK_${type}`,
    initiator_global_metastore_id: extra.initiator ?? null,
    ...(type === 'STARTED'
      ? {
          run_notebook_started_metadata: {
            run_id: runId,
            notebook_name: 'overlap_report',
            notebook_etag: extra.etag ?? null,
          },
        }
      : {
          run_notebook_completed_metadata: {
            run_id: runId,
            state: extra.state ?? 'SUCCESS',
            duration_in_seconds: 60,
          },
        }),
  };
}
