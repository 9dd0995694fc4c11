import { DataSource } from 'typeorm';
import { ControllableClock } from '../../src/shared/time/clock';
import { createCustomer, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Two instances of the service on one database close the same period at the same time. The
 * embedded PGlite serves one connection, so there the two callers share one instance.
 */
const embedded = process.env.TEST_DATABASE_EMBEDDED === '1';

describe('closing a period from two instances at once', () => {
  let first: TestApp;
  let second: TestApp;
  const clock = new ControllableClock(new Date('2033-01-01T00:00:00Z'));

  beforeAll(async () => {
    first = await startTestApp({ clock });
    second = embedded ? first : await startTestApp({ clock });
  });
  afterAll(async () => {
    await first.close();
    if (second !== first) await second.close();
  });

  /** A plan at 10 a month and six customers on it from `from`: the plan's id and its first version. */
  async function sixCustomersOnAPlan(from: string) {
    const plan = await first.http
      .post('/v1/plans')
      .set(first.auth())
      .send({
        name: uniqueTag('plan'),
        model: 'pass_through',
        currency: 'USD',
        subscriptionFee: '10',
      })
      .expect(201);
    const customers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const customer = await createCustomer(first);
      await first.http
        .put(`/v1/customers/${customer.id}/subscription`)
        .set(first.auth())
        .send({ planVersionId: plan.body.versions[0].id, effectiveFrom: from })
        .expect(200);
      customers.push(customer.id);
    }
    return { planId: plan.body.id as string, customers };
  }

  it('yields one finalized invoice per customer-period, numbered without gaps', async () => {
    const { customers } = await sixCustomersOnAPlan('2033-01-01T00:00:00Z');

    clock.set(new Date('2033-02-10T00:00:00Z'));
    const close = (t: TestApp, customerId: string) =>
      t.http
        .post('/v1/invoices/close')
        .set(t.auth())
        .send({ period: '2033-01', customerId })
        .expect(200);
    const results = await Promise.all(
      customers.flatMap((customerId) => [close(first, customerId), close(second, customerId)]),
    );

    const numbers = new Map<string, string>();
    for (const response of results) {
      const { customerId, invoice } = response.body.results[0];
      expect(invoice).toMatchObject({ status: 'finalized', total: '10.00' });
      // Both instances answer with the same invoice.
      if (numbers.has(customerId)) expect(invoice.number).toBe(numbers.get(customerId));
      numbers.set(customerId, invoice.number);
    }
    expect(new Set(numbers.values()).size).toBe(customers.length);

    const db = first.app.get(DataSource);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM invoices WHERE customer_id = ANY($1::uuid[]) AND period_key = '2033-01'`,
      [customers],
    );
    expect(count).toBe(customers.length);
    // Every number ever given, by any test so far, follows the one before it.
    const given: { number: string }[] = await db.query(
      `SELECT number FROM invoices WHERE number IS NOT NULL`,
    );
    const values = given.map(({ number }) => Number(number.slice(-6))).sort((a, b) => a - b);
    expect(values).toEqual(values.map((_, i) => i + 1));
  });

  it('lets a plan change and a close of the same period cross only one way: the plan lands in the invoice, or is refused naming it', async () => {
    const { planId, customers } = await sixCustomersOnAPlan('2032-12-01T00:00:00Z');
    const doubled = await first.http
      .post(`/v1/plans/${planId}/versions`)
      .set(first.auth())
      .send({ subscriptionFee: '20' })
      .expect(201);
    // December 2032 ended long ago (the clock is in February 2033): a close finalizes it at once,
    // while the same customer's plan moves to 20 from 15 December.
    const outcomes = await Promise.all(
      customers.map(async (customerId) => {
        const [closed, changed] = await Promise.all([
          first.http
            .post('/v1/invoices/close')
            .set(first.auth())
            .send({ period: '2032-12', customerId }),
          second.http
            .put(`/v1/customers/${customerId}/subscription`)
            .set(second.auth())
            .send({ planVersionId: doubled.body.id, effectiveFrom: '2032-12-15T00:00:00Z' }),
        ]);
        return { closed, changed };
      }),
    );
    for (const { closed, changed } of outcomes) {
      expect(closed.status).toBe(200);
      const invoice = closed.body.results[0].invoice as { number: string; total: string };
      if (changed.status === 200) {
        // 14 days of 31 at 10 = 4.516… → 4.52, 17 at 20 = 10.967… → 10.97.
        expect(invoice.total).toBe('15.49');
      } else {
        expect(changed.status).toBe(409);
        expect(changed.body).toMatchObject({ code: 'period_invoiced' });
        expect(changed.body.detail).toContain(invoice.number);
        expect(invoice.total).toBe('10.00');
      }
    }
  });
});
