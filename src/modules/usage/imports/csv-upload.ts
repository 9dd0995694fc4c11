import { applyDecorators } from '@nestjs/common';
import { ApiConsumes, ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../../../shared/errors/domain-error';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

/** Checks that the request streams a CSV body and returns the file name it gives, if any. */
export function assertCsvUpload(request: Request): string | null {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!CSV_TYPES.includes(type)) {
    throw new DomainError(
      'unsupported_media_type',
      'Send the export as the request body with Content-Type: text/csv',
    );
  }
  const disposition = request.headers['content-disposition'] ?? '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  const fromQuery = typeof request.query.fileName === 'string' ? request.query.fileName : null;
  return (match?.[1] ?? fromQuery)?.slice(0, 300) ?? null;
}

/** A route that takes a CSV export as its body, with its file name in the query if not in a header. */
export function CsvUploadRoute(): MethodDecorator {
  return applyDecorators(
    ApiConsumes('text/csv'),
    ApiQuery({
      name: 'fileName',
      required: false,
      description: 'The export’s file name, kept with the import (Content-Disposition wins)',
    }),
  );
}
