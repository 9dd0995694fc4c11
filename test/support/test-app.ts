import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/load-config';
import { Clock, SystemClock } from '../../src/shared/time/clock';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef0123456789';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: TestAgent;
  /** Headers for a request made with the given key (the bootstrap admin key by default). */
  auth(key?: string): { Authorization: string };
  close(): Promise<void>;
}

/** The real app on the run's test database, driven over real HTTP by supertest. */
export async function startTestApp(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup)');
  const embedded = process.env.TEST_DATABASE_EMBEDDED === '1';
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    DATABASE_URL: url,
    // Jobs run when a test calls them, never on the wall clock behind a test's back.
    INVOICE_CLOSE_CRON: 'off',
    PAYMENTS_WORKER_INTERVAL: '0s',
    IMPORT_SWEEP_INTERVAL: '0s',
    ...options.env,
  });
  const app = await createApp({
    config,
    database: { url, embedded, poolSize: embedded ? 1 : 4 },
    clock: options.clock ?? new SystemClock(),
  });
  return {
    app,
    http: request(app.getHttpServer() as Parameters<typeof request>[0]),
    auth: (key = TEST_ADMIN_KEY) => ({ Authorization: `Bearer ${key}` }),
    close: () => app.close(),
  };
}
