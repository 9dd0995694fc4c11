import type { ImportKind } from '../imports/import.entity';
import type { ConflictSource } from './conflicts.repository';

/**
 * What each export is called where it shows: the field that holds its rows in a JSON request
 * body, and the source its conflicts are listed under (GET /v1/usage/conflicts?source=).
 */
export const EXPORT_NAMES = {
  usage: { jsonField: 'records', conflictSource: 'usage' },
  prices: { jsonField: 'prices', conflictSource: 'price' },
  events: { jsonField: 'events', conflictSource: 'event' },
} as const satisfies Record<ImportKind, { jsonField: string; conflictSource: ConflictSource }>;
