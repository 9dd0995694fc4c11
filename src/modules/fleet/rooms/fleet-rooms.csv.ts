import Papa from 'papaparse';
import type { FleetRoomRow } from './fleet-room.dto';

type Cell = string | number | null;

/** The CSV's columns in order: the row flattened; `partnerOnly` ones are left out for customer keys. */
const COLUMNS: readonly {
  readonly name: string;
  readonly cell: (row: FleetRoomRow) => Cell;
  readonly partnerOnly?: boolean;
}[] = [
  { name: 'roomId', cell: (row) => row.roomId },
  { name: 'name', cell: (row) => row.name },
  { name: 'customerId', cell: (row) => row.customerId },
  { name: 'ownerSince', cell: (row) => row.ownerSince },
  { name: 'currentEtag', cell: (row) => row.currentEtag },
  // Every etag run, by first run: `etag@firstSeenAt/lastSeenAt`, separated by spaces.
  {
    name: 'etagsSeen',
    cell: (row) =>
      row.etags.map((seen) => `${seen.etag}@${seen.firstSeenAt}/${seen.lastSeenAt}`).join(' '),
  },
  { name: 'lastRunId', cell: (row) => row.lastRun?.runId ?? null },
  { name: 'lastRunAt', cell: (row) => row.lastRun?.startedAt ?? null },
  { name: 'lastRunState', cell: (row) => row.lastRun?.state ?? null },
  { name: 'lastRunEtag', cell: (row) => row.lastRun?.etag ?? null },
  { name: 'runsLast7Days', cell: (row) => row.runsLast7Days },
  { name: 'failedRunsLast7Days', cell: (row) => row.failedRunsLast7Days },
  { name: 'status', cell: (row) => row.status },
  { name: 'sinceLastRunSeconds', cell: (row) => row.sinceLastRunSeconds },
  { name: 'cadenceSeconds', cell: (row) => row.cadenceSeconds },
  { name: 'cadenceSource', cell: (row) => row.cadenceSource },
  { name: 'period', cell: (row) => row.monthToDate?.period ?? null },
  { name: 'currency', cell: (row) => row.monthToDate?.currency ?? null },
  { name: 'monthToDatePartnerDbu', cell: (row) => row.monthToDate?.partnerDbu ?? null },
  { name: 'monthToDateCustomerDbu', cell: (row) => row.monthToDate?.customerDbu ?? null },
  { name: 'monthToDateListCost', cell: (row) => row.monthToDate?.listCost ?? null },
  {
    name: 'monthToDatePartnerCost',
    cell: (row) => row.monthToDate?.partnerCost ?? null,
    partnerOnly: true,
  },
  { name: 'monthToDateBilled', cell: (row) => row.monthToDate?.billed ?? null },
  {
    name: 'monthToDateMargin',
    cell: (row) => row.monthToDate?.margin ?? null,
    partnerOnly: true,
  },
  { name: 'billedFrom', cell: (row) => row.monthToDate?.billedFrom ?? null },
  { name: 'monthToDateAsOf', cell: (row) => row.monthToDate?.asOf ?? null },
  { name: 'capMeasure', cell: (row) => row.capUse?.measure ?? null },
  { name: 'capUsePercent', cell: (row) => row.capUse?.percent ?? null },
];

/**
 * The fleet as CSV (RFC 4180, CRLF). For a customer key the partner-only columns are left out,
 * and the cap use of a cap measured in partner cost is left empty, as the JSON leaves it out.
 */
export function fleetCsv(rows: readonly FleetRoomRow[], partnerView: boolean): string {
  const columns = COLUMNS.filter((column) => partnerView || column.partnerOnly !== true);
  const data = rows.map((row) =>
    columns.map((column) => {
      if (!partnerView && column.name === 'capUsePercent' && row.capUse?.measure === 'cost')
        return '';
      return column.cell(row) ?? '';
    }),
  );
  return `${Papa.unparse([columns.map((column) => column.name), ...data], { newline: '\r\n' })}\r\n`;
}
