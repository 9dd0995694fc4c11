import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badRequest } from '../errors/domain-error';

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** An opaque cursor holding the sort key of the last row of a page. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key in a cursor; the first element is a timestamp in every cursor of this API. */
export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((p) => typeof p === 'string')
    ) {
      const key = parsed;
      if (!Number.isNaN(Date.parse(key[0]))) return key;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this API returned', [
    {
      field: 'cursor',
      code: 'invalid_cursor',
      message: 'cursor must be a nextCursor from a previous page',
    },
  ]);
}

/**
 * Keyset pagination on (created_at, id): stable while rows are added, and an index seek at any
 * depth. created_at is stored at millisecond precision so it round-trips through a JS Date.
 * Oldest first, or newest first where the latest rows are what a reader looks for (imports).
 */
export async function keysetPage<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: PageRequest,
  order: 'oldest_first' | 'newest_first' = 'oldest_first',
): Promise<Page<T>> {
  const direction = order === 'newest_first' ? 'DESC' : 'ASC';
  if (page.cursor !== undefined) {
    const [afterCreatedAt, afterId] = decodeCursor(page.cursor, 2);
    const after = direction === 'DESC' ? '<' : '>';
    query.andWhere(`(${alias}.created_at, ${alias}.id) ${after} (:afterCreatedAt, :afterId)`, {
      afterCreatedAt,
      afterId,
    });
  }
  const rows = await query
    .orderBy(`${alias}.created_at`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  return { items, nextCursor };
}
