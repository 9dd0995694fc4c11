import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatDocumentNumber, type DocumentSeries } from '../domain/document-number';

/** Invoice and credit note numbers: one gap-free series each. */
@Injectable()
export class DocumentNumbersRepository {
  /** The next number of a series, taken under the series row's lock: gap-free. */
  async nextNumber(manager: EntityManager, series: DocumentSeries, at: Date): Promise<string> {
    // Wrapped in a SELECT: the driver returns an UPDATE's rows together with its row count.
    const [{ last_value }]: { last_value: string }[] = await manager.query(
      `WITH taken AS (
         UPDATE document_number_series SET last_value = last_value + 1 WHERE series = $1 RETURNING last_value
       )
       SELECT last_value FROM taken`,
      [series],
    );
    return formatDocumentNumber(series, at.getUTCFullYear(), last_value);
  }
}
