import { fork } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../../src/shared/database/data-source-options';
import { migrate } from '../../../src/shared/database/migrate';
import { createTestDatabase, TestDatabase } from '../../setup/test-database';

/**
 * A migrated database for one test file alone, for a test that counts every table's rows while
 * other files run, or that stores what would change their figures (a partner discount, prices).
 * On a server: a new database there. Embedded: a PGlite of its own, in a child process.
 */
export async function createIsolatedDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE_EMBEDDED !== '1') {
    const server = process.env.DATABASE_URL;
    if (!server) throw new Error('DATABASE_URL is not set, yet the run is not embedded');
    return createTestDatabase(server);
  }
  const child = fork(join(__dirname, 'embedded-server.js'), [], { stdio: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`embedded database exited (${code})`)));
  });
  const target = { url, embedded: true, poolSize: 1 };
  const dataSource = await new DataSource(buildDataSourceOptions(target)).initialize();
  try {
    await migrate(dataSource, false);
  } finally {
    await dataSource.destroy();
  }
  return {
    target,
    drop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
