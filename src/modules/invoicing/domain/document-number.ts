export type DocumentSeries = 'INV' | 'CN';

/**
 * `INV-2026-000001`: the series, the year it was issued, the series' next value (never reused),
 * given as the digits Postgres returns for its bigint counter.
 */
export function formatDocumentNumber(series: DocumentSeries, year: number, value: string): string {
  if (!/^[1-9]\d*$/.test(value)) throw new RangeError(`Invalid document number ${value}`);
  return `${series}-${year}-${value.padStart(6, '0')}`;
}
