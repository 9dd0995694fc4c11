import { once } from 'node:events';
import type { Writable } from 'node:stream';
import Papa from 'papaparse';
import { COST_REPORT_COLUMNS, CostReportRow, PARTNER_ONLY_COLUMNS } from './cost-report.dto';

/** The report's columns for a key: customer keys get none of the partner-only ones. */
export function costReportColumns(partnerView: boolean): (keyof CostReportRow)[] {
  return COST_REPORT_COLUMNS.filter((column) => partnerView || !PARTNER_ONLY_COLUMNS.has(column));
}

/**
 * Writes the batches as CSV, the header first, waiting for the socket to drain after a full
 * buffer: memory stays at one batch, however long the report.
 */
export async function writeCostCsv(
  out: Writable,
  columns: readonly (keyof CostReportRow)[],
  batches: AsyncIterable<CostReportRow[]>,
): Promise<void> {
  await write(out, `${Papa.unparse([columns as string[]])}\r\n`);
  for await (const rows of batches) {
    if (rows.length === 0) continue;
    const data = rows.map((row) => columns.map((column) => row[column] ?? ''));
    await write(out, `${Papa.unparse(data)}\r\n`);
  }
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
