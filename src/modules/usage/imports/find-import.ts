import { notFound } from '../../../shared/errors/domain-error';
import { ImportEntity, ImportKind } from './import.entity';
import { ImportsRepository } from './imports.repository';

/** An import of the given kind, or 404 (an id of another kind of import is not found here). */
export async function findImportOrThrow(
  imports: ImportsRepository,
  id: string,
  kind: ImportKind,
): Promise<ImportEntity> {
  const found = await imports.findById(id);
  if (!found || found.kind !== kind) throw notFound('Import', id);
  return found;
}
