import { D } from '../../../shared/money/decimal';
import type { InvoiceStatus } from './invoice-status';
import { correctPeriods, type CorrectionBasis, type IssuedInvoice } from './period-corrections';

const issued = (
  id: string,
  periodKey: string,
  subtotal: string,
  status: InvoiceStatus = 'finalized',
): IssuedInvoice => ({
  id,
  number: `INV-2026-${id}`,
  status,
  periodKey,
  periodStart: new Date(`${periodKey}-01T00:00:00Z`),
  periodEnd: new Date(`${periodKey}-28T00:00:00Z`),
  timeZone: 'UTC',
  subtotal: new D(subtotal),
});

const basis = (overrides: Partial<CorrectionBasis>): CorrectionBasis => ({
  issued: [],
  carried: [],
  correctionCredits: new Map(),
  remaining: new Map(),
  ...overrides,
});

const amounts = (values: Record<string, string>) =>
  new Map(Object.entries(values).map(([key, value]) => [key, new D(value)]));

describe('correctPeriods', () => {
  it('bills what a period rates to beyond its invoice and its carried adjustments', () => {
    const { lines, credits } = correctPeriods(
      basis({
        issued: [issued('a', '2026-01', '100.00')],
        carried: [{ correctsInvoiceId: 'a', invoiceId: 'b', roundedAmount: new D('5.00') }],
      }),
      amounts({ a: '110.00' }),
    );
    expect(credits).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ correctsPeriod: '2026-01', correctsInvoiceId: 'a' });
    expect(lines[0].roundedAmount.toFixed()).toBe('5');
  });

  it('counts correction credit notes already issued for the period as billed less', () => {
    const { lines, credits } = correctPeriods(
      basis({
        issued: [issued('a', '2026-01', '100.00')],
        correctionCredits: amounts({ '2026-01': '10.00' }),
      }),
      amounts({ a: '90.00' }),
    );
    expect(lines).toEqual([]);
    expect(credits).toEqual([]);
  });

  it('spreads a decrease over the invoice, then its carriers, and bills what is left as a credit line', () => {
    const { lines, credits } = correctPeriods(
      basis({
        issued: [issued('a', '2026-01', '100.00')],
        carried: [{ correctsInvoiceId: 'a', invoiceId: 'b', roundedAmount: new D('20.00') }],
        remaining: amounts({ a: '30.00', b: '20.00' }),
      }),
      amounts({ a: '60.00' }),
    );
    expect(credits.map((note) => [note.invoiceId, note.period, note.amount.toFixed()])).toEqual([
      ['a', '2026-01', '30'],
      ['b', '2026-01', '20'],
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0].roundedAmount.toFixed()).toBe('-10');
  });

  it('never corrects a voided period, nor credits an invoice it has no remainder for', () => {
    const { lines, credits } = correctPeriods(
      basis({
        issued: [issued('a', '2026-01', '100.00', 'void'), issued('c', '2026-02', '50.00')],
      }),
      amounts({ c: '40.00' }),
    );
    expect(credits).toEqual([]);
    expect(lines.map((line) => [line.correctsInvoiceId, line.roundedAmount.toFixed()])).toEqual([
      ['c', '-10'],
    ]);
  });
});
