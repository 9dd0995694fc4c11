import Papa from 'papaparse';
import { D, type Dec } from '../../src/shared/money/decimal';

/**
 * What the demo's invoices must say, computed from its generated CSV files alone (not by the
 * service's attribution or rating code): each usage row belongs to the run of its room that
 * overlaps its hour (the generator never lets two runs share a room-hour), so the run's
 * initiator says who triggered it; the month is the row's start in UTC; the plans' terms are
 * written out here by hand from demo-cast.ts.
 */
export interface MonthUsage {
  partnerDbu: Dec;
  customerDbu: Dec;
  partnerListCost: Dec;
}

interface RunSpan {
  readonly room: string;
  readonly initiator: string;
  readonly start: number;
  readonly end: number;
}

function rows(csv: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return parsed.data;
}

function runSpans(eventsCsv: string): RunSpan[] {
  const started = new Map<string, { room: string; initiator: string; start: number }>();
  const spans: RunSpan[] = [];
  for (const event of rows(eventsCsv)) {
    const room = event.central_clean_room_id;
    if (event.event_type === 'RUN_NOTEBOOK_STARTED') {
      started.set(`${room}/${event['run_notebook_started_metadata.run_id']}`, {
        room,
        initiator: event.initiator_global_metastore_id,
        start: Date.parse(event.event_time),
      });
    } else if (event.event_type === 'RUN_NOTEBOOK_COMPLETED') {
      const run = started.get(`${room}/${event['run_notebook_completed_metadata.run_id']}`);
      if (!run) throw new Error(`COMPLETED before STARTED: ${event.event_id}`);
      spans.push({ ...run, end: Date.parse(event.event_time) });
    }
  }
  return spans;
}

/** Usage per customer (by the rooms it owns) and month, split by who triggered it. */
export function monthlyUsage(
  files: { usageCsv: string; eventsCsv: string },
  roomOwner: ReadonlyMap<string, string>,
  partnerInitiator: string,
  listPrice: string,
): Map<string, MonthUsage> {
  const spans = runSpans(files.eventsCsv);
  const totals = new Map<string, MonthUsage>();
  for (const row of rows(files.usageCsv)) {
    const room = row['usage_metadata.central_clean_room_id'];
    const hourStart = Date.parse(row.usage_start_time);
    const covering = spans.filter(
      (span) => span.room === room && span.start < hourStart + 3_600_000 && span.end > hourStart,
    );
    if (covering.length !== 1) throw new Error(`row ${row.record_id}: ${covering.length} runs`);
    const key = `${roomOwner.get(room)}/${row.usage_start_time.slice(0, 7)}`;
    const month = totals.get(key) ?? {
      partnerDbu: new D(0),
      customerDbu: new D(0),
      partnerListCost: new D(0),
    };
    const dbu = new D(row.usage_quantity);
    if (covering[0].initiator === partnerInitiator) {
      month.partnerDbu = month.partnerDbu.plus(dbu);
      month.partnerListCost = month.partnerListCost.plus(dbu.times(listPrice));
    } else {
      month.customerDbu = month.customerDbu.plus(dbu);
    }
    totals.set(key, month);
  }
  return totals;
}

const cents = (amount: Dec) => amount.toDecimalPlaces(2, D.ROUND_HALF_UP);
const ZERO = new D(0);

/** The invoice lines (rounded, by charge key) the demo's plans give for a month of usage. */
export function expectedLines(
  model: 'pass_through' | 'bundled' | 'hybrid',
  usage: MonthUsage = { partnerDbu: ZERO, customerDbu: ZERO, partnerListCost: ZERO },
): Record<string, Dec> {
  switch (model) {
    case 'pass_through': // 2,500 a month; partner runs at list cost
      return { subscription: new D(2500), partner_compute: cents(usage.partnerListCost) };
    case 'bundled': {
      // 6,000 a month including 1,000 partner DBU; beyond it 0.55 a DBU
      const excess = D.max(usage.partnerDbu.minus(1000), 0);
      return { subscription: new D(6000), exposure_overage: cents(excess.times('0.55')) };
    }
    case 'hybrid': {
      // 1,800 a month; partner DBU at 0.90; customer DBU 0.10 up to 250, 0.05 beyond
      const firstTier = D.min(D.max(usage.customerDbu, 0), 250);
      const beyond = D.max(usage.customerDbu.minus(250), 0);
      return {
        subscription: new D(1800),
        managed_runs: cents(usage.partnerDbu.times('0.90')),
        ip_royalty: cents(firstTier.times('0.10').plus(beyond.times('0.05'))),
      };
    }
  }
}
