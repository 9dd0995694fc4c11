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

interface CursorKey {
  readonly createdAt: string;
  readonly id: string;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((p) => typeof p === 'string')
    ) {
      const [createdAt, id] = parsed as [string, string];
      if (!Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
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
 */
export async function keysetPage<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: PageRequest,
): Promise<Page<T>> {
  if (page.cursor !== undefined) {
    const after = decodeCursor(page.cursor);
    query.andWhere(`(${alias}.created_at, ${alias}.id) > (:afterCreatedAt, :afterId)`, {
      afterCreatedAt: after.createdAt,
      afterId: after.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.created_at`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > page.limit && last
      ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
      : null;
  return { items, nextCursor };
}
