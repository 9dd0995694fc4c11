import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ControllableClock } from '../../src/shared/time/clock';
import { priceSampleSku, usageRow } from '../support/databricks-fixtures';
import {
  createCustomer,
  createKey,
  createRoom,
  registerIdentity,
  uniqueTag,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('pricing API', () => {
  let t: TestApp;
  const clock = new ControllableClock(new Date('2032-05-20T12:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await priceSampleSku(t);
  });
  afterAll(() => t.close());

  const createPlan = (body: Record<string, unknown>) =>
    t.http
      .post('/v1/plans')
      .set(t.auth())
      .send({ name: uniqueTag('plan'), currency: 'USD', ...body });
  const subscribe = (customerId: string, body: Record<string, unknown>) =>
    t.http.put(`/v1/customers/${customerId}/subscription`).set(t.auth()).send(body);
  const fieldCodes = (body: { errors?: { field: string; code: string }[] }) =>
    (body.errors ?? []).map((error) => `${error.field}:${error.code}`);

  describe('plans', () => {
    it.each([
      [{ model: 'bundled', subscriptionFee: '10' }, ['exposureCap:cap_required']],
      [{ model: 'hybrid', subscriptionFee: '10' }, ['addOnUnitPrice:required']],
      [
        {
          model: 'bundled',
          subscriptionFee: '10',
          exposureCap: { measure: 'dbu', amount: '5', policy: 'overage' },
        },
        ['exposureCap.overagePrice:required'],
      ],
      [
        {
          model: 'custom',
          charges: [
            {
              key: 'runs',
              description: 'Runs',
              basis: 'partner_dbu',
              pricing: {
                model: 'graduated',
                tiers: [
                  { upTo: '10', unitPrice: '1' },
                  { upTo: '10', unitPrice: '0.5' },
                  { upTo: null, unitPrice: '0.25' },
                ],
              },
            },
          ],
        },
        ['charges.0.pricing.tiers.1.upTo:tier_bounds_not_ascending'],
      ],
    ])('refuses an invalid version with field-level codes (%j)', async (body, expected) => {
      const response = await createPlan(body).expect(400);
      expect(response.body.code).toBe('invalid_plan_version');
      expect(fieldCodes(response.body)).toEqual(expected);
    });

    it('fills a template, numbers new versions, and keeps versions immutable', async () => {
      const created = await createPlan({ model: 'pass_through', subscriptionFee: '100' }).expect(
        201,
      );
      expect(created.body.versions).toHaveLength(1);
      expect(created.body.versions[0]).toMatchObject({
        version: 1,
        model: 'pass_through',
        exposureCap: null,
        charges: [
          { key: 'subscription', basis: 'subscription', pricing: { model: 'flat', amount: '100' } },
          {
            key: 'partner_compute',
            basis: 'partner_list_cost',
            pricing: { model: 'percentage', rate: '1' },
          },
        ],
      });
      const second = await t.http
        .post(`/v1/plans/${created.body.id}/versions`)
        .set(t.auth())
        .send({ subscriptionFee: '120', listCostRate: '1.1' })
        .expect(201);
      expect(second.body.version).toBe(2);
      const plan = await t.http.get(`/v1/plans/${created.body.id}`).set(t.auth()).expect(200);
      expect(plan.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

      await expect(
        t.app
          .get(DataSource)
          .query(`UPDATE plan_versions SET terms = '{}' WHERE id = $1`, [second.body.id]),
      ).rejects.toThrow(/immutable/);
    });

    it('lets only partner and admin keys write the catalogue', async () => {
      const customer = await createCustomer(t);
      const key = await createKey(t, ['customer'], customer.id);
      await t.http
        .post('/v1/plans')
        .set(t.auth(key))
        .send({ name: 'x', model: 'pass_through', currency: 'USD', subscriptionFee: '1' })
        .expect(403);
    });
  });

  describe('subscriptions', () => {
    it('splits the period at plan changes and prorates each fee by the exact share of the month', async () => {
      const customer = await createCustomer(t);
      const plan = await createPlan({ model: 'pass_through', subscriptionFee: '3100' }).expect(201);
      const v1 = plan.body.versions[0].id as string;
      const v2 = (
        await t.http
          .post(`/v1/plans/${plan.body.id}/versions`)
          .set(t.auth())
          .send({ subscriptionFee: '6200' })
          .expect(201)
      ).body.id as string;

      clock.set(new Date('2032-05-01T00:00:00Z'));
      await subscribe(customer.id, {
        planVersionId: v1,
        effectiveFrom: '2032-05-01T00:00:00Z',
      }).expect(200);
      await subscribe(customer.id, {
        planVersionId: v2,
        effectiveFrom: '2032-05-16T00:00:00Z',
      }).expect(200);

      clock.set(new Date('2032-05-20T12:00:00Z'));
      const unknownKey = await subscribe(customer.id, {
        planVersionId: v1,
        effectiveFrom: '2032-05-25T00:00:00Z',
        overrides: { charges: { nope: { amount: '1' } } },
      }).expect(400);
      expect(fieldCodes(unknownKey.body)).toEqual(['overrides.charges.nope:unknown_charge_key']);
      // Scheduled for later, then replaced at the same instant.
      await subscribe(customer.id, {
        planVersionId: v2,
        effectiveFrom: '2032-05-25T00:00:00Z',
      }).expect(200);
      await subscribe(customer.id, {
        planVersionId: v1,
        effectiveFrom: '2032-05-25T00:00:00Z',
        overrides: { charges: { subscription: { amount: '3100' } } },
      }).expect(200);

      const subscription = await t.http
        .get(`/v1/customers/${customer.id}/subscription`)
        .set(t.auth())
        .expect(200);
      expect(subscription.body.current).toMatchObject({
        planVersionId: v2,
        effectiveFrom: '2032-05-16T00:00:00.000Z',
      });
      expect(
        subscription.body.history.map((e: { effectiveFrom: string }) => e.effectiveFrom),
      ).toEqual([
        '2032-05-01T00:00:00.000Z',
        '2032-05-16T00:00:00.000Z',
        '2032-05-25T00:00:00.000Z',
      ]);

      // May has 31 days: 15 days at 3100 = 1500, 9 days at 6200 = 1800, 7 days at 3100 = 700.
      const upcoming = await t.http
        .get(`/v1/customers/${customer.id}/invoices/upcoming`)
        .set(t.auth())
        .expect(200);
      expect(
        upcoming.body.segments.map(
          (s: { from: string; version: number }) => `${s.from.slice(5, 10)} v${s.version}`,
        ),
      ).toEqual(['05-01 v1', '05-16 v2', '05-25 v1']);
      expect(
        upcoming.body.lines
          .filter((line: { chargeKey: string }) => line.chargeKey === 'subscription')
          .map((line: { roundedAmount: string }) => line.roundedAmount),
      ).toEqual(['1500.00', '1800.00', '700.00']);
      expect(upcoming.body.total).toBe('4000.00');
    });

    it('refuses a plan in another currency than the customer’s', async () => {
      const customer = await createCustomer(t, { currency: 'USD' });
      const plan = await createPlan({
        model: 'pass_through',
        currency: 'EUR',
        subscriptionFee: '1',
      }).expect(201);
      const response = await subscribe(customer.id, {
        planVersionId: plan.body.versions[0].id,
        effectiveFrom: '2032-05-01T00:00:00Z',
      }).expect(400);
      expect(fieldCodes(response.body)).toEqual(['planVersionId:currency_mismatch']);
    });

    it('lets the billing time zone move while nothing is invoiced, and fixes it once an invoice exists', async () => {
      const customer = await createCustomer(t);
      const plan = await createPlan({ model: 'pass_through', subscriptionFee: '1' }).expect(201);
      // Tokyo's April started on 31 March 15:00 UTC.
      await subscribe(customer.id, {
        planVersionId: plan.body.versions[0].id,
        effectiveFrom: '2032-03-31T15:00:00Z',
      }).expect(200);
      await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth())
        .send({ billingTimeZone: 'Asia/Tokyo' })
        .expect(200);
      // April (Tokyo) is closed: drafted or finalized, its periods are cut in Tokyo time.
      const closed = await t.http
        .post('/v1/invoices/close')
        .set(t.auth())
        .send({ period: '2032-04', customerId: customer.id })
        .expect(200);
      const invoice = closed.body.results[0].invoice as { periodStart: string; number: string };
      expect(invoice.periodStart).toBe('2032-03-31T15:00:00.000Z');
      const moved = await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth())
        .send({ billingTimeZone: 'America/Los_Angeles' })
        .expect(409);
      expect(moved.body.code).toBe('period_invoiced');
      expect(moved.body.detail).toContain('2032-04');
      // The same zone again changes nothing, and is no change.
      await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth())
        .send({ billingTimeZone: 'Asia/Tokyo' })
        .expect(200);
    });

    it('shows a customer key its own subscription and nobody else’s', async () => {
      const own = await createCustomer(t);
      const other = await createCustomer(t);
      const key = await createKey(t, ['customer'], own.id);
      await t.http.get(`/v1/customers/${own.id}/subscription`).set(t.auth(key)).expect(200);
      await t.http.get(`/v1/customers/${other.id}/subscription`).set(t.auth(key)).expect(404);
      await t.http.get(`/v1/customers/${other.id}/invoices/upcoming`).set(t.auth(key)).expect(404);
    });
  });

  describe('budgets', () => {
    async function bundledCustomer(policy: 'block' | 'absorb') {
      const customer = await createCustomer(t);
      const busy = await createRoom(t, customer.id, { ownerSince: '2032-01-01T00:00:00Z' });
      const idle = await createRoom(t, customer.id, { ownerSince: '2032-01-01T00:00:00Z' });
      const account = randomUUID();
      await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });
      const plan = await createPlan({
        model: 'bundled',
        subscriptionFee: '1000',
        exposureCap: { measure: 'dbu', amount: '100', policy },
      }).expect(201);
      await subscribe(customer.id, {
        planVersionId: plan.body.versions[0].id,
        effectiveFrom: '2032-05-01T00:00:00Z',
      }).expect(200);
      const run = (dbu: string, hour: string) =>
        t.http
          .post('/v1/usage')
          .set(t.auth())
          .send({
            records: [
              usageRow({
                record_id: randomUUID(),
                account_id: account,
                usage_start_time: `2032-05-${hour}:00:00.000Z`,
                usage_end_time: `2032-05-${hour}:59:59.000Z`,
                usage_quantity: dbu,
                usage_metadata: { central_clean_room_id: busy.id },
              }),
            ],
          })
          .expect(200);
      return { customerId: customer.id, busy: busy.id, idle: idle.id, run };
    }

    it('warns from 80 % and blocks at the cap under the block policy, room by room', async () => {
      const world = await bundledCustomer('block');
      await world.run('85', '03T10');
      const warning = await t.http.get(`/v1/rooms/${world.busy}/budget`).set(t.auth()).expect(200);
      expect(warning.body).toMatchObject({
        customerId: world.customerId,
        roomId: world.busy,
        status: 'warning',
        capped: true,
        measure: 'dbu',
        policy: 'block',
        cap: '100',
        used: '85',
        remaining: '15',
        percent: '85.00',
        thresholdsReached: [50, 80],
        exposure: { partnerDbu: '85' },
        roomExposure: { partnerDbu: '85' },
      });

      await world.run('20', '04T10');
      const blocked = await t.http.get(`/v1/rooms/${world.idle}/budget`).set(t.auth()).expect(200);
      expect(blocked.body).toMatchObject({
        status: 'blocked',
        used: '105',
        remaining: '0',
        percent: '105.00',
        thresholdsReached: [50, 80, 100],
        roomExposure: { partnerDbu: '0' },
      });
      const customer = await t.http
        .get(`/v1/customers/${world.customerId}/budget`)
        .set(t.auth())
        .expect(200);
      expect(customer.body).toMatchObject({ status: 'blocked', roomId: null, roomExposure: null });
    });

    it('says exceeded (not blocked) under absorb, and ok without a cap', async () => {
      const world = await bundledCustomer('absorb');
      await world.run('100', '05T10');
      const exceeded = await t.http
        .get(`/v1/customers/${world.customerId}/budget`)
        .set(t.auth())
        .expect(200);
      expect(exceeded.body).toMatchObject({ status: 'exceeded', percent: '100.00' });

      const uncapped = await createCustomer(t);
      const plan = await createPlan({ model: 'pass_through', subscriptionFee: '1' }).expect(201);
      await subscribe(uncapped.id, {
        planVersionId: plan.body.versions[0].id,
        effectiveFrom: '2032-05-01T00:00:00Z',
      }).expect(200);
      const none = await t.http
        .get(`/v1/customers/${uncapped.id}/budget`)
        .set(t.auth())
        .expect(200);
      expect(none.body).toMatchObject({ status: 'ok', capped: false, cap: null, percent: null });
    });
  });

  describe('quotes', () => {
    const quote = (body: Record<string, unknown>) =>
      t.http.post('/v1/pricing/quotes').set(t.auth()).send(body);

    it('prices an inline bundled plan with a cost cap: the excess cost becomes DBU in proportion', async () => {
      const response = await quote({
        period: { start: '2032-06-01T00:00:00Z', end: '2032-07-01T00:00:00Z' },
        plan: {
          model: 'bundled',
          currency: 'USD',
          subscriptionFee: '1000',
          exposureCap: { measure: 'cost', amount: '100', policy: 'overage', overagePrice: '0.5' },
        },
        usage: { partnerDbu: '400', partnerCost: '120', partnerListCost: '150' },
      }).expect(200);
      // 20 of 120 in cost beyond the cap: 400 x 20 / 120 = 66.67 DBU at 0.5 = 33.333… -> 33.33.
      expect(
        response.body.lines.map(
          (l: { chargeKey: string; roundedAmount: string }) => `${l.chargeKey}=${l.roundedAmount}`,
        ),
      ).toEqual(['subscription=1000.00', 'exposure_overage=33.33']);
      expect(response.body.caps[0]).toMatchObject({
        measure: 'cost',
        used: '120',
        excess: '20',
        status: 'exceeded',
      });
      expect(response.body.total).toBe('1033.33');
    });

    it('prorates a catalogue version over a segment of a leap-year February', async () => {
      const plan = await createPlan({ model: 'pass_through', subscriptionFee: '2900' }).expect(201);
      const response = await quote({
        period: { start: '2032-02-01T00:00:00Z', end: '2032-03-01T00:00:00Z' },
        segments: [
          {
            from: '2032-02-01T00:00:00Z',
            to: '2032-02-15T00:00:00Z',
            planVersionId: plan.body.versions[0].id,
            usage: { partnerListCost: '10.005' },
          },
        ],
      }).expect(200);
      // 14 of 29 days: 2900 x 14/29 = 1400; partner compute at list cost 10.005 -> 10.01.
      expect(response.body.lines.map((l: { roundedAmount: string }) => l.roundedAmount)).toEqual([
        '1400.00',
        '10.01',
      ]);
      expect(response.body.total).toBe('1410.01');
    });

    it.each([
      [{ usage: {} }, ['plan:plan_required']],
      [
        {
          planVersionId: randomUUID(),
          segments: [
            {
              from: '2032-02-01T00:00:00Z',
              to: '2032-02-02T00:00:00Z',
              planVersionId: randomUUID(),
            },
          ],
        },
        ['segments:ambiguous_quote'],
      ],
      [{ planVersionId: randomUUID() }, ['planVersionId:not_found']],
    ])('refuses an ill-formed quote (%j)', async (body, expected) => {
      const response = await quote({
        period: { start: '2032-02-01T00:00:00Z', end: '2032-03-01T00:00:00Z' },
        ...body,
      }).expect(400);
      expect(fieldCodes(response.body)).toEqual(expected);
    });
  });
});
