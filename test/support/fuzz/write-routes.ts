import type { OpenAPIObject } from '@nestjs/swagger';
import type { Schema } from './schema-arbitrary';

/** A route that changes something, as the generated contract describes it. */
export interface WriteRoute {
  readonly method: 'post' | 'put' | 'patch' | 'delete';
  /** The path template, `{id}` and all. */
  readonly path: string;
  readonly pathParameters: readonly string[];
  /** The JSON body's schema; null for a route that takes none (or takes CSV). */
  readonly body: Schema | null;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** Every write route of the document: a new one is fuzzed without anyone listing it. */
export function writeRoutes(document: OpenAPIObject): WriteRoute[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    WRITE_METHODS.flatMap((method) => {
      const operation = item[method];
      if (operation === undefined) return [];
      const parameters = (operation.parameters ?? []) as { in?: string; name?: string }[];
      const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> })
        ?.content;
      return [
        {
          method,
          path,
          pathParameters: parameters.filter((p) => p.in === 'path').map((p) => p.name ?? ''),
          body: content?.['application/json']?.schema ?? null,
        },
      ];
    }),
  );
}
