import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  DatabaseTarget,
} from '../../src/shared/database/data-source-options';
import {
  EmbeddedDatabase,
  startEmbeddedDatabase,
} from '../../src/shared/database/embedded-database';
import { migrate } from '../../src/shared/database/migrate';

/** The database one test run uses: created fresh, migrated once, dropped at the end. */
export interface TestDatabase {
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

/** With DATABASE_URL: a new database on that server. Without: an in-memory PGlite. */
export async function createTestDatabase(serverUrl: string | undefined): Promise<TestDatabase> {
  const database = serverUrl ? await createOnServer(serverUrl) : await createEmbedded();
  await migrateOnce(database.target);
  return database;
}

async function createOnServer(serverUrl: string): Promise<TestDatabase> {
  const name = `billing_test_${Date.now()}_${process.pid}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { url: url.toString(), embedded: false, poolSize: 4 },
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ),
  };
}

async function createEmbedded(): Promise<TestDatabase> {
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase(null);
  return {
    target: { url: embedded.url, embedded: true, poolSize: 1 },
    drop: () => embedded.close(),
  };
}

async function migrateOnce(target: DatabaseTarget): Promise<void> {
  const dataSource = await new DataSource(buildDataSourceOptions(target)).initialize();
  try {
    await migrate(dataSource, !target.embedded);
  } finally {
    await dataSource.destroy();
  }
}

async function withClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
