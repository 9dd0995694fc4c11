import Papa from 'papaparse';
import { InvoiceLineResponse, InvoiceResponse } from './dto/invoice.dto';

type ScalarColumn = Exclude<keyof InvoiceLineResponse, 'breakdown' | 'rooms'>;

const COLUMNS: readonly ScalarColumn[] = [
  'position',
  'kind',
  'chargeKey',
  'description',
  'basis',
  'model',
  'segmentFrom',
  'segmentTo',
  'quantity',
  'unitPrice',
  'amount',
  'roundedAmount',
  'correctsPeriod',
];

/** An invoice's lines as CSV, one row per line, each row naming the invoice (amounts as text). */
export function invoiceLinesCsv(invoice: InvoiceResponse): string {
  return Papa.unparse({
    fields: ['invoiceNumber', 'invoiceId', 'period', 'currency', ...COLUMNS],
    data: invoice.lines.map((line) => [
      invoice.number ?? '',
      invoice.id,
      invoice.period,
      invoice.currency,
      ...COLUMNS.map((column) => {
        const value = line[column];
        return value === null ? '' : String(value);
      }),
    ]),
  });
}
