import type { INestApplication } from '@nestjs/common';
import express, { Request } from 'express';

/**
 * Bulk ingestion endpoints read their JSON body raw: decimal fields must be read exactly (see
 * quoteJsonNumbers), so parsing it once more with JSON.parse would only cost time and memory.
 */
const RAW_JSON_PATHS = new Set(['/v1/usage', '/v1/prices', '/v1/clean-room-events']);

export type RawBodyRequest = Request & { rawBody?: Buffer };

function isJson(request: Request): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

const isRawIngestion = (request: Request) =>
  request.method === 'POST' && RAW_JSON_PATHS.has(request.path);

export function registerBodyParsers(app: INestApplication, limit: string): void {
  app.use(
    express.raw({ limit, type: (req) => isJson(req as Request) && isRawIngestion(req as Request) }),
  );
  app.use(
    express.json({
      limit,
      type: (req) => isJson(req as Request) && !isRawIngestion(req as Request),
      // Webhook signatures are checked on the exact bytes received.
      verify: (req, _res, buffer) => {
        (req as RawBodyRequest).rawBody = buffer;
      },
    }),
  );
}
