import type { AddressInfo } from 'node:net';
import { DemoApi } from '../../src/demo/demo-api';
import { type DemoResult, loadDemo } from '../../src/demo/demo-loader';
import { demoReport } from '../../src/demo/demo-report';
import { D, formatDecimal } from '../../src/shared/money/decimal';
import { ControllableClock } from '../../src/shared/time/clock';
import { expectedLines, monthlyUsage } from '../support/demo-expectations';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';

/**
 * `npm run demo`'s core against the test database, with "now" pinned (in years no other suite
 * bills): three customers onboarded with three months of history are invoiced, every line as the
 * generated CSV files say (computed here without the service's attribution or rating), and a
 * second run creates nothing twice.
 */
describe('npm run demo', () => {
  const now = new Date('2037-05-16T10:30:00Z');
  const seed = 1;
  let t: TestApp;
  let api: DemoApi;
  let first: DemoResult;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ControllableClock(now) });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    api = new DemoApi(`http://127.0.0.1:${port}`, TEST_ADMIN_KEY);
    first = await loadDemo(api, { now, seed });
  }, 180_000);
  afterAll(() => t.close());

  it('imports every generated row and attributes all of it', () => {
    const { events, usage } = first.imports;
    expect(events).toMatchObject({ status: 'completed', accepted: first.history.counts.events });
    expect(usage).toMatchObject({
      status: 'completed',
      accepted: first.history.counts.usageRows,
      quarantined: 0,
      rejected: 0,
      conflicts: 0,
    });
  });

  it('finalizes the three past months of each customer, every line as the CSV files say', async () => {
    const owner = new Map<string, string>();
    for (const customer of first.customers) {
      for (const room of customer.cast.rooms) owner.set(room.id, customer.id);
    }
    const usage = monthlyUsage(
      first.history,
      owner,
      first.cast.partner.sharingIdentifier,
      first.cast.price.listPrice,
    );
    expect(first.customers.map((customer) => customer.cast.model)).toEqual([
      'pass_through',
      'bundled',
      'hybrid',
    ]);
    for (const customer of first.customers) {
      expect(customer.subscribedFrom).toBe('2037-02-01T00:00:00.000Z');
      expect(customer.invoices.map((invoice) => [invoice.period, invoice.status])).toEqual([
        ['2037-02', 'finalized'],
        ['2037-03', 'finalized'],
        ['2037-04', 'finalized'],
      ]);
      for (const invoice of customer.invoices) {
        const stored = await api.get<{
          number: string;
          total: string;
          lines: { chargeKey: string; roundedAmount: string }[];
        }>(`/v1/invoices/${invoice.id}`);
        expect(stored.number).toMatch(/^INV-2037-\d{6}$/);
        const expected = expectedLines(
          customer.cast.model,
          usage.get(`${customer.id}/${invoice.period}`),
        );
        const lines = Object.fromEntries(
          stored.lines.map((line) => [line.chargeKey, line.roundedAmount]),
        );
        const wanted = Object.fromEntries(
          Object.entries(expected)
            .filter(([key, amount]) => key === 'subscription' || !amount.isZero())
            .map(([key, amount]) => [key, formatDecimal(amount, 2)]),
        );
        expect({ period: invoice.period, lines: pickNonZero(lines) }).toEqual({
          period: invoice.period,
          lines: wanted,
        });
        const total = Object.values(expected).reduce((sum, amount) => sum.plus(amount), new D(0));
        expect(new D(stored.total).equals(total)).toBe(true);
      }
    }
  });

  it('shows each pricing model at work (figures checked by hand from the CSV files)', () => {
    const totals = Object.fromEntries(
      first.customers.map((customer) => [
        customer.cast.model,
        customer.invoices.map((invoice) => invoice.total),
      ]),
    );
    // Summed again from the CSV files with Python's decimal module, not this code. Two by hand:
    // Bluefin (bundled), March: its partner-run rows (197 rows in March, 1236.96 DBU) exceed the
    // 1,000 DBU cap by 236.96, at 0.55 = 130.328 -> 130.33; 6,000 + 130.33 = 6130.33.
    // Cedar (hybrid), March: partner 732.0014 DBU x 0.90 = 658.80126 -> 658.80; its own 363.091
    // DBU: 250 x 0.10 + 113.091 x 0.05 = 30.65455 -> 30.65; 1,800 + 658.80 + 30.65 = 2489.45.
    expect(totals).toEqual({
      pass_through: ['2515.61', '2524.33', '2516.14'],
      bundled: ['6006.44', '6130.33', '6000.00'],
      hybrid: ['2519.66', '2489.45', '2391.00'],
    });
  });

  it('run again, finds what it made and creates nothing twice', async () => {
    const second = await loadDemo(api, { now, seed });
    expect(second.customers.every((customer) => customer.existed)).toBe(true);
    expect(second.customers.map((customer) => customer.id)).toEqual(
      first.customers.map((customer) => customer.id),
    );
    expect(second.customers.map((customer) => customer.invoices)).toEqual(
      first.customers.map((customer) => customer.invoices),
    );
    expect(second.imports.usage).toMatchObject({
      accepted: 0,
      duplicates: first.history.counts.usageRows,
    });
    for (const customer of second.customers) {
      const subscription = await api.get<{ history: unknown[] }>(
        `/v1/customers/${customer.id}/subscription`,
      );
      expect(subscription.history).toHaveLength(1);
    }
  });

  it('prints URLs that answer', async () => {
    const lines = demoReport(first, {
      baseUrl: api.baseUrl,
      keyLine: 'key',
      seconds: 1,
      next: 'Try:',
    });
    const urls = lines.flatMap((line) => /curl -s "?([^"\s]+)"?/.exec(line)?.[1] ?? []);
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
    }
  });
});

/** The invoice's lines, leaving out usage charges that came to zero (none to bill). */
function pickNonZero(lines: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(lines).filter(
      ([key, amount]) => key === 'subscription' || !new D(amount).isZero(),
    ),
  );
}
