import { badRequest } from '../../../shared/errors/domain-error';
import {
  decodeSortValue,
  encodeSortValue,
  type FleetSort,
  type SortPosition,
} from '../domain/fleet-sort';

/** The last row's place in the order, with the sort it was taken in. */
export function encodeFleetCursor(sortText: string, position: SortPosition): string {
  const key = [sortText, encodeSortValue(position.value), position.roomId];
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Back from a cursor; one taken under another sort, or not one of ours, is a 400. */
export function decodeFleetCursor(cursor: string, sortText: string, sort: FleetSort): SortPosition {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 3 &&
      key[0] === sortText &&
      (key[1] === null || typeof key[1] === 'string') &&
      typeof key[2] === 'string'
    ) {
      const value = decodeSortValue(sort, key[1] as string | null);
      if (value !== undefined) return { value, roomId: key[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this API returned for this sort', [
    {
      field: 'cursor',
      code: 'invalid_cursor',
      message: 'cursor must be a nextCursor from a previous page with the same sort',
    },
  ]);
}
