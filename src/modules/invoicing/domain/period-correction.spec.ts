import { D } from '../../../shared/money/decimal';
import {
  periodCorrection,
  spreadCredit,
  spreadCredits,
  type CorrectionInput,
} from './period-correction';

const input = (billed: string, ratedNow: string): CorrectionInput => ({
  invoiceId: 'inv-1',
  invoiceNumber: 'INV-2026-000007',
  periodKey: '2026-03',
  periodStart: new Date('2026-03-01T00:00:00Z'),
  periodEnd: new Date('2026-04-01T00:00:00Z'),
  billed: new D(billed),
  ratedNow: new D(ratedNow),
});

describe('periodCorrection', () => {
  it('is nothing when the period still rates to what was billed', () => {
    expect(periodCorrection(input('5027.64', '5027.64'))).toEqual({ kind: 'none' });
  });

  it('bills a late increase as one adjustment line naming the period and its invoice', () => {
    const correction = periodCorrection(input('5000.00', '5027.50'));
    expect(correction.kind).toBe('adjustment');
    if (correction.kind !== 'adjustment') return;
    expect(correction.line).toMatchObject({
      kind: 'adjustment',
      correctsPeriod: '2026-03',
      correctsInvoiceId: 'inv-1',
      description: expect.stringContaining('INV-2026-000007'),
    });
    expect(correction.line.roundedAmount.toString()).toBe('27.5');
  });

  it('credits a late decrease instead of putting a negative line on the next invoice', () => {
    expect(periodCorrection(input('5027.64', '5000.00'))).toEqual({
      kind: 'credit',
      amount: new D('27.64'),
    });
  });

  it('spreads a credit over the invoices that billed the period, never beyond what is left of each', () => {
    const spread = spreadCredit(new D('150'), [
      { invoiceId: 'x', remaining: new D('100') },
      { invoiceId: 'y', remaining: new D('30') },
      { invoiceId: 'z', remaining: new D('0') },
    ]);
    expect(spread.notes).toEqual([
      { invoiceId: 'x', amount: new D('100') },
      { invoiceId: 'y', amount: new D('30') },
    ]);
    expect(spread.leftover.toString()).toBe('20');
  });

  it('never credits one invoice beyond its total across the periods of one draft', () => {
    // Feb billed 100 with 40 credited already (60 left); Mar billed 80 + 50 for Feb (130 left).
    // Both are retracted whole: Feb owes back 150, Mar 80.
    const { notes, leftovers } = spreadCredits([
      {
        period: '2026-02',
        amount: new D('150'),
        targets: [
          { invoiceId: 'feb', remaining: new D('60') },
          { invoiceId: 'mar', remaining: new D('130') },
        ],
      },
      {
        period: '2026-03',
        amount: new D('80'),
        targets: [{ invoiceId: 'mar', remaining: new D('130') }],
      },
    ]);
    expect(notes.map((n) => `${n.period} ${n.invoiceId} ${n.amount.toString()}`)).toEqual([
      '2026-02 feb 60',
      '2026-02 mar 90',
      '2026-03 mar 40',
    ]);
    expect(leftovers.map((l) => `${l.period} ${l.amount.toString()}`)).toEqual(['2026-03 40']);
  });
});
