import type { AppConfig } from '../../../config/app-config';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { CustomerMonth } from '../domain/customer-month';
import { CustomerMonthCache } from './customer-month.cache';
import type { CustomerMonthSource, MonthCustomer } from './customer-month.source';

class FakeSource {
  asked: string[][] = [];
  months(customers: readonly MonthCustomer[], now: Date): Promise<Map<string, CustomerMonth>> {
    this.asked.push(customers.map((c) => c.id));
    return Promise.resolve(
      new Map(
        customers.map((c) => [
          c.id,
          { customerId: c.id, period: now.toISOString().slice(0, 7), asOf: now } as CustomerMonth,
        ]),
      ),
    );
  }
}

const customer = (id: string): MonthCustomer => ({ id, billingTimeZone: 'UTC', currency: 'USD' });

function setup(maxAgeMs: number) {
  const source = new FakeSource();
  const cache = new CustomerMonthCache(
    source as unknown as CustomerMonthSource,
    new BillingCalendar(),
    { fleetMonthMaxAgeMs: maxAgeMs } as AppConfig,
  );
  return { source, cache };
}

describe('CustomerMonthCache', () => {
  const at = (iso: string) => new Date(iso);

  it('reads only the customers it lacks or holds stale, and says when each was read', async () => {
    const { source, cache } = setup(300_000);
    await cache.months([customer('x')], at('2044-03-20T12:00:00Z'));
    const months = await cache.months(
      [customer('x'), customer('y')],
      at('2044-03-20T12:04:59.999Z'),
    );
    expect(source.asked).toEqual([['x'], ['y']]);
    expect(months.get('x')?.asOf).toEqual(at('2044-03-20T12:00:00Z'));
    expect(months.get('y')?.asOf).toEqual(at('2044-03-20T12:04:59.999Z'));
    // Five minutes after x was read, x is read again; y is still fresh.
    await cache.months([customer('x'), customer('y')], at('2044-03-20T12:05:00Z'));
    expect(source.asked).toEqual([['x'], ['y'], ['x']]);
  });

  it('reads a customer again when its period has turned, however fresh', async () => {
    const { source, cache } = setup(300_000);
    await cache.months([customer('x')], at('2044-03-31T23:59:00Z'));
    await cache.months([customer('x')], at('2044-04-01T00:00:00Z'));
    expect(source.asked).toEqual([['x'], ['x']]);
  });

  it('reads every time with a max age of 0', async () => {
    const { source, cache } = setup(0);
    const now = at('2044-03-20T12:00:00Z');
    await cache.months([customer('x')], now);
    await cache.months([customer('x')], now);
    expect(source.asked).toEqual([['x'], ['x']]);
  });
});
