import { randomUUID } from 'node:crypto';
import { ControllableClock } from '../../src/shared/time/clock';
import { createCustomer, createRoom, registerIdentity, uniqueTag } from '../support/factories';
import { priceSampleSku, usageRow } from '../support/databricks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Line {
  chargeKey: string;
  kind: string;
  roundedAmount: string;
  quantity: string;
}

/**
 * A customer that has run rooms since September signs in December: its plan starts in
 * September, the months already over are previewed and invoiced from the usage imported, and what
 * is invoiced stays as invoiced. The year is 2043, which no other test uses.
 */
describe('onboarding a customer with history', () => {
  const clock = new ControllableClock(new Date('2043-12-06T10:00:00Z'));
  let t: TestApp;
  let customerId: string;
  let planId: string;
  let versionId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await priceSampleSku(t);
    const customer = await createCustomer(t);
    customerId = customer.id;
    const roomId = (await createRoom(t, customerId, { ownerSince: '2043-08-01T00:00:00.000Z' })).id;
    const partnerAccount = randomUUID();
    const customerAccount = randomUUID();
    await registerIdentity(t, { kind: 'account', value: partnerAccount, party: 'partner' });
    await registerIdentity(t, {
      kind: 'account',
      value: customerAccount,
      party: 'customer',
      customerId,
    });
    const row = (account: string, start: string, dbu: string) =>
      usageRow({
        record_id: randomUUID(),
        account_id: account,
        usage_start_time: start,
        usage_end_time: new Date(Date.parse(start) + 3_600_000).toISOString(),
        usage_date: start.slice(0, 10),
        usage_quantity: dbu,
        usage_metadata: { central_clean_room_id: roomId },
      });
    // Imported before any plan existed: September's partner runs come to 12.5 + 7.5 = 20 DBU,
    // its customer run 40 DBU; October's partner run 10 DBU.
    const ingested = await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({
        records: [
          row(partnerAccount, '2043-09-03T10:00:00Z', '12.5'),
          row(partnerAccount, '2043-09-20T14:00:00Z', '7.5'),
          row(customerAccount, '2043-09-10T09:00:00Z', '40'),
          row(partnerAccount, '2043-10-05T08:00:00Z', '10'),
        ],
      })
      .expect(200);
    expect(ingested.body).toMatchObject({ received: 4, rejected: 0, quarantined: 0 });
    const plan = await t.http
      .post('/v1/plans')
      .set(t.auth())
      .send({
        name: uniqueTag('onboarding'),
        currency: 'USD',
        model: 'pass_through',
        subscriptionFee: '3000',
      })
      .expect(201);
    planId = plan.body.id as string;
    versionId = plan.body.versions[0].id as string;
  });
  afterAll(() => t.close());

  const subscribe = (effectiveFrom: string, planVersionId = versionId) =>
    t.http
      .put(`/v1/customers/${customerId}/subscription`)
      .set(t.auth())
      .send({ planVersionId, effectiveFrom });
  const preview = (period: string) =>
    t.http.get(`/v1/customers/${customerId}/invoices/preview`).query({ period }).set(t.auth());
  const amounts = (lines: Line[]) =>
    lines.map((line) => `${line.kind} ${line.chargeKey} ${line.quantity} ${line.roundedAmount}`);

  it('bills September from the usage already imported, through the API alone', async () => {
    // Back-dated three months: nothing has been invoiced yet.
    await subscribe('2043-09-01T00:00:00Z').expect(200);

    // September: the fee of 3000.00 for the whole month, and the partner's 20 DBU re-billed at
    // the list price 0.35 = 7.00; the customer's own 40 DBU are shown, never billed.
    const september = await preview('2043-09').expect(200);
    expect(september.body).toMatchObject({
      customerId,
      period: {
        key: '2043-09',
        start: '2043-09-01T00:00:00.000Z',
        end: '2043-10-01T00:00:00.000Z',
      },
      ended: true,
      billable: true,
      currency: 'USD',
      subtotal: '3007.00',
      adjustments: '0.00',
      credits: '0.00',
      total: '3007.00',
    });
    expect(amounts(september.body.lines as Line[])).toEqual([
      'charge subscription 1 3000.00',
      'charge partner_compute 7 7.00',
    ]);

    // The current month is the month to date; next month has not started.
    const december = await preview('2043-12').expect(200);
    expect(december.body).toMatchObject({ ended: false, subtotal: '3000.00', total: '3000.00' });
    expect((await preview('2044-01').expect(409)).body.code).toBe('period_not_started');

    // A close of September invoices it at once: its grace ended in October. (This customer only:
    // a close of every customer would invoice September for the other suites' customers too.)
    const closed = await t.http
      .post('/v1/invoices/close')
      .set(t.auth())
      .send({ period: '2043-09', customerId })
      .expect(200);
    type Outcome = {
      customerId: string;
      invoice: { id: string; number: string; status: string; total: string };
    };
    const ours = (closed.body.results as Outcome[]).find(
      (result) => result.customerId === customerId,
    ) as Outcome;
    expect(ours.invoice).toMatchObject({ status: 'finalized', total: '3007.00' });
    expect(ours.invoice.number).toMatch(/^INV-/);
    const invoice = await t.http.get(`/v1/invoices/${ours.invoice.id}`).set(t.auth()).expect(200);
    // Exactly what the preview said.
    expect(amounts(invoice.body.lines as Line[])).toEqual(amounts(september.body.lines as Line[]));

    // Now September is invoiced: no preview, no plan change reaching into it.
    const again = await preview('2043-09').expect(409);
    expect(again.body.code).toBe('period_invoiced');
    expect(again.body.detail).toContain(ours.invoice.number);
    const into = await subscribe('2043-09-15T00:00:00Z').expect(409);
    expect(into.body.code).toBe('period_invoiced');
    expect(into.body.detail).toContain(ours.invoice.number);
    expect(into.body.detail).toContain('2043-09');

    // October is not invoiced: a new version may start there, on the 17th. October has 31 days:
    // 16 at 3000 = 1548.387… → 1548.39, and 15 at 6200 = 3000.00; the partner's 10 DBU on the 5th
    // at 0.35 = 3.50, in the first segment. 1548.39 + 3.50 + 3000.00 = 4551.89.
    const second = await t.http
      .post(`/v1/plans/${planId}/versions`)
      .set(t.auth())
      .send({ subscriptionFee: '6200' })
      .expect(201);
    await subscribe('2043-10-17T00:00:00Z', second.body.id as string).expect(200);
    const october = await preview('2043-10').expect(200);
    expect(amounts(october.body.lines as Line[])).toEqual([
      'charge subscription 1 1548.39',
      'charge partner_compute 3.5 3.50',
      'charge subscription 1 3000.00',
      'charge partner_compute 0 0.00',
    ]);
    expect(october.body.total).toBe('4551.89');
  });

  it('says per customer why a close produced no invoice', async () => {
    const planless = await createCustomer(t);
    const past = await t.http
      .post('/v1/invoices/close')
      .set(t.auth())
      .send({ period: '2043-08' })
      .expect(200);
    const outcome = (id: string) =>
      (past.body.results as { customerId: string }[]).find((result) => result.customerId === id);
    // Our customer's plan starts in September; the new customer has none.
    expect(outcome(customerId)).toEqual({
      customerId,
      period: '2043-08',
      invoice: null,
      reason: 'no_plan',
    });
    expect(outcome(planless.id)).toMatchObject({ invoice: null, reason: 'no_plan' });

    const current = await t.http
      .post('/v1/invoices/close')
      .set(t.auth())
      .send({ period: '2043-12' })
      .expect(200);
    expect(
      (current.body.results as { customerId: string }[]).find((r) => r.customerId === customerId),
    ).toEqual({ customerId, period: '2043-12', invoice: null, reason: 'not_ended' });
  });

  it('refuses query parameters a route does not take', async () => {
    const upcoming = await t.http
      .get(`/v1/customers/${customerId}/invoices/upcoming`)
      .query({ period: '2043-09' })
      .set(t.auth())
      .expect(400);
    expect(upcoming.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'period', code: 'unknown_field' }],
    });
    const previewed = await preview('2043-10').query({ month: '10' }).expect(400);
    expect(previewed.body.errors).toEqual([expect.objectContaining({ field: 'month' })]);
  });
});
