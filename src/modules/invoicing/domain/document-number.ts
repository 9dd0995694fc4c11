export type DocumentSeries = 'INV' | 'CN';

/** `INV-2026-000001`: the series, the year it was issued, the series' next value (never reused). */
export function formatDocumentNumber(series: DocumentSeries, year: number, value: number): string {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`Invalid document number ${value}`);
  return `${series}-${year}-${String(value).padStart(6, '0')}`;
}
