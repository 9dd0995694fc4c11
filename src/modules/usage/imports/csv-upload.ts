import type { Request } from 'express';
import { DomainError } from '../../../shared/errors/domain-error';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

/** Checks that the request streams a CSV body and returns the file name it gives, if any. */
export function assertCsvUpload(request: Request): string | null {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!CSV_TYPES.includes(type)) {
    throw new DomainError(
      'unsupported_media_type',
      415,
      'Unsupported media type',
      'Send the export as the request body with Content-Type: text/csv',
    );
  }
  const disposition = request.headers['content-disposition'] ?? '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  const fromQuery = typeof request.query.fileName === 'string' ? request.query.fileName : null;
  return (match?.[1] ?? fromQuery)?.slice(0, 300) ?? null;
}
