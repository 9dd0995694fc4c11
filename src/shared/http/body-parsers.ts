import type { INestApplication } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import express, { Request } from 'express';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, TOO_DEEP_DETAIL } from './json-depth';

/**
 * Bulk ingestion endpoints read their JSON body raw: decimal fields must be read exactly (see
 * quoteJsonNumbers), so parsing it once more with JSON.parse would only cost time and memory.
 * They check the nesting depth themselves, while scanning the body (see parseJsonRecords).
 */
const RAW_JSON_PATHS = new Set(['/v1/usage', '/v1/prices', '/v1/clean-room-events']);

export type RawBodyRequest = Request & { rawBody?: Buffer };

function isJson(request: Request): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

const isRawIngestion = (request: Request) =>
  request.method === 'POST' && RAW_JSON_PATHS.has(request.path);

/**
 * A body refused before it is parsed, shaped as body-parser's own errors (an http-errors status,
 * `expose`, a `type`), so that it travels the same way as a malformed body and the filter answers
 * 400 with the code its type maps to.
 */
class BodyRefusal extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;

  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Nested too deeply for the validators to walk: 400 too_deep. */
const tooDeepBody = () => new BodyRefusal('entity.too.deep', TOO_DEEP_DETAIL);

/** Bytes that are not UTF-8 would be decoded to U+FFFD and stored changed: 400 invalid_encoding. */
const notUtf8Body = () =>
  new BodyRefusal('entity.invalid.encoding', 'The request body is not valid UTF-8');

export function registerBodyParsers(app: INestApplication, limit: string): void {
  app.use(
    express.raw({ limit, type: (req) => isJson(req as Request) && isRawIngestion(req as Request) }),
  );
  app.use(
    express.json({
      limit,
      type: (req) => isJson(req as Request) && !isRawIngestion(req as Request),
      verify: (req, _res, buffer, charset) => {
        // Webhook signatures are checked on the exact bytes received.
        (req as RawBodyRequest).rawBody = buffer;
        // Checked on the bytes, before JSON.parse builds anything of it.
        if (jsonNestsDeeperThan(buffer, MAX_JSON_DEPTH)) throw tooDeepBody();
        if (charset === 'utf-8' && !isUtf8(buffer)) throw notUtf8Body();
      },
    }),
  );
}
