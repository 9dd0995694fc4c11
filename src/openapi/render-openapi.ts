import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/load-config';
import { SystemClock } from '../shared/time/clock';
import { buildOpenApiDocument, openApiYaml } from './openapi-document';

/**
 * Renders the contract without a database: a preview app resolves the module graph (routes and
 * DTOs) but instantiates no provider, so nothing connects.
 */
export async function renderOpenApiYaml(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      config,
      database: { url: 'postgres://unused@127.0.0.1:1/unused', embedded: false, poolSize: 1 },
      clock: new SystemClock(),
    }),
    { preview: true, logger: false },
  );
  const yaml = openApiYaml(buildOpenApiDocument(app));
  await app.close();
  return yaml;
}
