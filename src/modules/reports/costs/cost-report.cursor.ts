import { badRequest } from '../../../shared/errors/domain-error';
import { GROUP_KEY_FIELDS } from '../domain/cost-grouping';

/** The key of the last row of the previous page, read back from its cursor. */
export function cursorAfter(cursor: string): (string | null)[] {
  try {
    const outer: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const inner = Array.isArray(outer) ? (outer[0] as unknown) : undefined;
    const key: unknown = typeof inner === 'string' ? JSON.parse(inner) : undefined;
    if (
      Array.isArray(key) &&
      key.length === GROUP_KEY_FIELDS.length &&
      key.every((part) => part === null || typeof part === 'string')
    ) {
      return key as (string | null)[];
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
