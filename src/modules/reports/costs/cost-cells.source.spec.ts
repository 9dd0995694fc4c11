import { D } from '../../../shared/money/decimal';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { ControllableClock } from '../../../shared/time/clock';
import type {
  BilledPeriod,
  BilledPeriodsReader,
} from '../../invoicing/queries/billed-periods.reader';
import type { InvoiceLineDraft } from '../../invoicing/domain/invoice-line';
import type { BilledInvoiceLine } from '../../invoicing/queries/billed-periods.reader';
import type { CleanRoomRun } from '../../usage/domain/run';
import type { RoomRunsReader } from '../../usage/queries/room-runs.reader';
import type { UsageCell, UsageCellsReader } from '../../usage/queries/usage-cells.reader';
import type { CostCell } from '../domain/cost-cell';
import { CostCellsSource } from './cost-cells.source';

const MARCH = new Date('2045-03-01T00:00:00Z');
const APRIL = new Date('2045-04-01T00:00:00Z');
const MAY = new Date('2045-05-01T00:00:00Z');
const JUNE = new Date('2045-06-01T00:00:00Z');
const CUSTOMER = { id: 'cust', billingTimeZone: 'UTC' };

function line(
  amount: string,
  fields: Partial<InvoiceLineDraft> & Pick<InvoiceLineDraft, 'segmentFrom' | 'segmentTo'>,
): BilledInvoiceLine {
  return {
    id: null,
    position: 1,
    kind: 'charge',
    chargeKey: 'subscription',
    description: '',
    basis: 'subscription',
    model: 'flat',
    planVersionId: null,
    quantity: new D(1),
    unitPrice: null,
    amount: new D(amount),
    roundedAmount: new D(amount),
    correctsPeriod: null,
    correctsInvoiceId: null,
    breakdown: [],
    rooms: [],
    ...fields,
  };
}

const usageCell = (hour: string, dbu: string): UsageCell => ({
  hour: new Date(hour),
  trigger: 'partner',
  skuName: 'SKU_A',
  currency: 'USD',
  dbu: new D(dbu),
  listCost: new D(dbu).times('0.4'),
  partnerCost: new D(dbu).times('0.3'),
});

/**
 * A customer with room r1 (10 DBU on 2 March, 5 DBU on 3 April) and room r3 (no usage).
 * March's invoice: subscription 100.00, room fee 10.00 for r1 and 10.00 for r3; a credit note of
 * 0.50 against it. April's invoice: subscription 100.00 and an adjustment line of 0.49 correcting
 * March (its segment is March, it names no room). May (open, rated to date): a per-run fee of 1.01
 * for r1 over a segment from 3 May, its two partner runs started since (rm2, rm3; rm1 started on
 * 2 May, before the segment).
 */
function source(): CostCellsSource {
  const cells: Record<string, UsageCell[]> = {
    r1: [usageCell('2045-03-02T10:00:00Z', '10'), usageCell('2045-04-03T10:00:00Z', '5')],
  };
  const usage = {
    roomsUsed: (_customer: string, from: Date, to: Date) =>
      Promise.resolve(
        Object.keys(cells).filter((r) => cells[r].some((c) => c.hour >= from && c.hour < to)),
      ),
    cells: (_customer: string, roomId: string, from: Date, to: Date) =>
      Promise.resolve((cells[roomId] ?? []).filter((c) => c.hour >= from && c.hour < to)),
  } as unknown as UsageCellsReader;
  const partnerRun = (runId: string, startedAt: string): CleanRoomRun => ({
    roomId: 'r1',
    runId,
    notebookName: `nb_${runId}`,
    notebookEtag: null,
    initiator: 'partner',
    state: 'SUCCESS',
    startedAt: new Date(startedAt),
    endedAt: null,
  });
  const partnerRuns = [
    partnerRun('rm1', '2045-05-02T10:00:00Z'),
    partnerRun('rm2', '2045-05-03T08:15:00Z'),
    partnerRun('rm3', '2045-05-04T23:59:00Z'),
  ];
  const runs = {
    ownedBy: () => Promise.resolve([]),
    partnerStarted: (roomId: string, _customer: string, from: Date, to: Date) =>
      Promise.resolve(
        roomId === 'r1'
          ? partnerRuns.filter(
              (run) => run.startedAt !== null && run.startedAt >= from && run.startedAt < to,
            )
          : [],
      ),
  } as unknown as RoomRunsReader;
  const bills: Record<string, BilledPeriod> = {
    '2045-03': {
      from: 'invoice',
      currency: 'USD',
      invoiceId: 'inv-03',
      invoiceNumber: 'INV-1',
      lines: [
        line('100.00', { segmentFrom: MARCH, segmentTo: APRIL }),
        line('20.00', {
          basis: 'room',
          segmentFrom: MARCH,
          segmentTo: APRIL,
          rooms: [
            { roomId: 'r1', quantity: new D(1) },
            { roomId: 'r3', quantity: new D(1) },
          ],
        }),
      ],
      credits: [{ number: 'CN-1', amount: new D('0.50'), at: new Date('2045-04-20T00:00:00Z') }],
    },
    '2045-04': {
      from: 'invoice',
      currency: 'USD',
      invoiceId: 'inv-04',
      invoiceNumber: 'INV-2',
      lines: [
        line('100.00', { segmentFrom: APRIL, segmentTo: MAY }),
        line('0.49', {
          kind: 'adjustment',
          chargeKey: 'period_correction',
          segmentFrom: MARCH,
          segmentTo: APRIL,
          correctsPeriod: '2045-03',
          correctsInvoiceId: 'inv-03',
        }),
      ],
      credits: [],
    },
    '2045-05': {
      from: 'estimate',
      currency: 'USD',
      invoiceId: null,
      invoiceNumber: null,
      lines: [
        line('1.01', {
          chargeKey: 'per_run',
          basis: 'partner_run',
          segmentFrom: new Date('2045-05-03T00:00:00Z'),
          segmentTo: JUNE,
          rooms: [{ roomId: 'r1', quantity: new D(2) }],
        }),
      ],
      credits: [],
    },
  };
  const billedPeriods = {
    billed: (_customer: string, period: BillingPeriod) => Promise.resolve(bills[period.key]),
  } as unknown as BilledPeriodsReader;
  return new CostCellsSource(
    usage,
    runs,
    billedPeriods,
    new BillingCalendar(),
    new ControllableClock(new Date('2045-05-06T00:00:00Z')),
  );
}

async function all(from: Date, to: Date, roomId?: string): Promise<CostCell[]> {
  const out: CostCell[] = [];
  for await (const batch of source().cells(CUSTOMER, { from, to, roomId, byRun: false })) {
    // The pieces behind a batch add up to what its cells carry.
    const pieces = batch.pieces.reduce((s, p) => s.plus(p.amount), new D(0));
    expect(pieces.toFixed()).toBe(sum(batch.cells));
    out.push(...batch.cells);
  }
  return out;
}

const money = (cells: CostCell[]) =>
  cells.map((c) => [c.roomId, c.at.toISOString().slice(0, 10), c.billed.toFixed()]);
function sum(cells: CostCell[]): string {
  return cells.reduce((s, c) => s.plus(c.billed), new D(0)).toFixed();
}

describe('CostCellsSource', () => {
  it('a whole period carries exactly its invoice, less the credit notes against it', async () => {
    // March: 100.00 + 20.00 − 0.50 = 119.50; April: 100.00 + 0.49 = 100.49.
    expect(sum(await all(MARCH, APRIL))).toBe('119.5');
    expect(sum(await all(APRIL, MAY))).toBe('100.49');
    expect(sum(await all(MARCH, MAY))).toBe('219.99');
  });

  it('dates an adjustment line in the period of the invoice that carries it, not the one it corrects', async () => {
    expect(money(await all(APRIL, MAY))).toEqual([
      ['r1', '2045-04-03', '0'],
      [null, '2045-04-01', '100'],
      [null, '2045-04-01', '0.49'],
    ]);
  });

  it('room by room, then the money of no room: a room fee stays with its room, used or not', async () => {
    // A per-room fee is not spread over the room's usage: r1's 10.00 is money of r1 at the
    // segment's start (2045-03-01), after its usage cell of 2 March, which carries 0; r3 has no
    // cell, and its 10.00 is the same kind of money of r3. The subscription and the credit note are
    // the customer's, at the period's start.
    expect(money(await all(MARCH, APRIL))).toEqual([
      ['r1', '2045-03-02', '0'],
      ['r1', '2045-03-01', '10'],
      ['r3', '2045-03-01', '10'],
      [null, '2045-03-01', '100'],
      [null, '2045-03-01', '-0.5'],
    ]);
  });

  it('a per-run fee goes on the partner runs started in its segment, each dated at its start', async () => {
    // 1.01 over rm2 and rm3, one unit each (rm1 started before the segment): 101 / 2 = 50 r 1
    // cents each, the spare cent to the first -> rm2 0.51, rm3 0.50. Each is money of its run:
    // run and notebook set, trigger partner, no SKU, no usage.
    const cells = await all(MAY, JUNE);
    expect(
      cells.map((c) => [
        c.roomId,
        c.runId,
        c.notebookName,
        c.skuName,
        c.trigger,
        c.at.toISOString(),
        c.dbu.toFixed(),
        c.billed.toFixed(),
        c.billedFrom,
      ]),
    ).toEqual([
      ['r1', 'rm2', 'nb_rm2', null, 'partner', '2045-05-03T08:15:00.000Z', '0', '0.51', 'estimate'],
      ['r1', 'rm3', 'nb_rm3', null, 'partner', '2045-05-04T23:59:00.000Z', '0', '0.5', 'estimate'],
    ]);
  });

  it('with a room asked for, leaves out the money of no room', async () => {
    expect(money(await all(MARCH, MAY, 'r3'))).toEqual([['r3', '2045-03-01', '10']]);
  });
});
