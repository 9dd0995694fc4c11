import { D } from '../../../shared/money/decimal';
import type { InvoiceLineDraft } from './invoice-line';
import { invoiceTotals } from './invoice-totals';

const line = (kind: InvoiceLineDraft['kind'], rounded: string): InvoiceLineDraft => ({
  kind,
  chargeKey: 'x',
  description: 'x',
  basis: 'subscription',
  model: 'flat',
  planVersionId: null,
  segmentFrom: new Date(0),
  segmentTo: new Date(1),
  quantity: new D(1),
  unitPrice: null,
  amount: new D(rounded),
  roundedAmount: new D(rounded),
  correctsPeriod: kind === 'adjustment' ? '2026-01' : null,
  correctsInvoiceId: null,
  breakdown: [],
  rooms: [],
});

describe('invoiceTotals', () => {
  it('adds charges into the subtotal, corrections into adjustments or credits, and totals them', () => {
    const totals = invoiceTotals([
      line('charge', '5000.00'),
      line('overage', '27.64'),
      line('adjustment', '3.50'),
      line('adjustment', '-1.25'),
    ]);
    expect(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.toString()]))).toEqual({
      subtotal: '5027.64',
      adjustments: '3.5',
      credits: '-1.25',
      total: '5029.89',
    });
  });

  it('is zero for an invoice without lines', () => {
    expect(invoiceTotals([]).total.toString()).toBe('0');
  });
});
