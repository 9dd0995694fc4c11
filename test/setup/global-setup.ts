import { createTestDatabase, TestDatabase } from './test-database';

declare global {
  var __testDatabase: TestDatabase | undefined;
}

/** Runs once before all test files; workers inherit the environment set here. */
export default async function globalSetup(): Promise<void> {
  const database = await createTestDatabase(process.env.DATABASE_URL);
  globalThis.__testDatabase = database;
  process.env.TEST_DATABASE_URL = database.target.url;
  process.env.TEST_DATABASE_EMBEDDED = database.target.embedded ? '1' : '0';
}
