import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { HttpMetrics } from './modules/operations/http-metrics';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { registerBodyParsers } from './shared/http/body-parsers';
import { ProblemDetailsFilter } from './shared/errors/problem-details.filter';
import { validationExceptionFactory } from './shared/errors/validation-exception.factory';

/** The one place the HTTP app is assembled: the server and every e2e test use it. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    bufferLogs: true,
    // Parsers are registered by configureHttp: raw for bulk ingestion, JSON elsewhere.
    bodyParser: false,
  });
  configureHttp(app, options.config.jsonBodyLimit);
  app.useLogger(app.get(Logger));
  const metrics = app.get(HttpMetrics);
  app.use(metrics.middleware);
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app));
  await app.init();
  return app;
}

/** The pieces of HTTP behaviour shared by the running app and the contract generator. */
export function configureHttp(app: NestExpressApplication, jsonBodyLimit: string): void {
  app.disable('x-powered-by');
  registerBodyParsers(app, jsonBodyLimit);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
}
