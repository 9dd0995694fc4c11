import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError } from './config/config-error';
import { loadConfig } from './config/load-config';
import { describeDatabase } from './shared/database/describe-database';
import { EmbeddedDatabase, startEmbeddedDatabase } from './shared/database/embedded-database';
import { SystemClock } from './shared/time/clock';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const embedded: EmbeddedDatabase | null =
    config.databaseUrl === null ? await startEmbeddedDatabase(config.dataDir) : null;
  const database = {
    url: embedded?.url ?? config.databaseUrl ?? '',
    embedded: embedded !== null,
    poolSize: config.databasePoolSize,
  };
  const app = await createApp({ config, database, clock: new SystemClock() });
  await app.listen(config.port, config.host);

  const logger = new Logger('Bootstrap');
  logger.log(
    `Database: ${embedded ? `embedded PGlite in ${embedded.dataDir}` : describeDatabase(database.url)}`,
  );
  logger.log(`Listening on http://${config.host}:${config.port} (API docs at /docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing in-flight requests, then stopping`);
    await app.close();
    await embedded?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
