import { Repository } from 'typeorm';
import { keysetPage, Page, PageRequest } from '../../../shared/database/keyset-page';
import { ImportEntity, ImportKind, ImportStatus } from './import.entity';

export interface ImportFilter {
  readonly kind?: ImportKind;
  readonly status?: ImportStatus;
}

export type ImportSummaryRow = Omit<ImportEntity, 'problems' | 'problemsTruncated'>;

/** Every column but the problems, which may be a thousand per import: a list shows the counts. */
const SUMMARY_COLUMNS: readonly (keyof ImportSummaryRow)[] = [
  'id',
  'kind',
  'status',
  'fileName',
  'lines',
  'accepted',
  'updated',
  'duplicates',
  'conflicts',
  'quarantined',
  'rejected',
  'excluded',
  'error',
  'startedAt',
  'finishedAt',
  'createdAt',
];

/**
 * Imports of every kind, newest first, paged like every list (on created_at, id). Imports are a
 * few a day, so no index backs the order: the table stays small enough to sort.
 */
export function pageOfImports(
  imports: Repository<ImportEntity>,
  filter: ImportFilter,
  page: PageRequest,
): Promise<Page<ImportSummaryRow>> {
  const query = imports
    .createQueryBuilder('i')
    .select(SUMMARY_COLUMNS.map((column) => `i.${column}`));
  if (filter.kind !== undefined) query.andWhere('i.kind = :kind', { kind: filter.kind });
  if (filter.status !== undefined) query.andWhere('i.status = :status', { status: filter.status });
  return keysetPage(query, 'i', page, 'newest_first');
}
