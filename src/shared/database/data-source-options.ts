import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';

export interface DatabaseTarget {
  readonly url: string;
  /** The embedded PGlite socket serves a single connection. */
  readonly embedded: boolean;
  readonly poolSize: number;
}

export function buildDataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    poolSize: target.embedded ? 1 : target.poolSize,
    applicationName: 'cleanroom-billing',
    // Schema changes come only from migrations; they are run explicitly (see migrate.ts).
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    // Fail fast instead of hanging when a connection cannot be had (PGlite pitfall 5).
    extra: { connectionTimeoutMillis: 10_000 },
    logging: false,
  };
}
