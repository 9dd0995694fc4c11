import { createCustomer, createKey, createRoom, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('registry: customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes a customer', async () => {
    const created = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({
        name: 'Acme Retail',
        currency: 'EUR',
        billingTimeZone: 'Europe/Paris',
        stripeCustomerId: 'cus_Acme123',
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme Retail',
      currency: 'EUR',
      billingTimeZone: 'Europe/Paris',
      stripeCustomerId: 'cus_Acme123',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;

    const read = await t.http.get(`/v1/customers/${id}`).set(t.auth()).expect(200);
    expect(read.body).toEqual(created.body);

    const updated = await t.http
      .patch(`/v1/customers/${id}`)
      .set(t.auth())
      .send({ name: 'Acme Retail Group', billingTimeZone: 'America/New_York' })
      .expect(200);
    expect(updated.body).toMatchObject({
      name: 'Acme Retail Group',
      billingTimeZone: 'America/New_York',
      currency: 'EUR',
    });

    await t.http.delete(`/v1/customers/${id}`).set(t.auth()).expect(204);
    await t.http.get(`/v1/customers/${id}`).set(t.auth()).expect(404);
    await t.http.delete(`/v1/customers/${id}`).set(t.auth()).expect(404);
  });

  it('defaults the billing time zone to UTC', async () => {
    const customer = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({ name: 'Plain', currency: 'JPY' })
      .expect(201);
    expect(customer.body.billingTimeZone).toBe('UTC');
  });

  it('keeps the currency fixed once set', async () => {
    const customer = await createCustomer(t);
    const response = await t.http
      .patch(`/v1/customers/${customer.id}`)
      .set(t.auth())
      .send({ currency: 'EUR' })
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'currency', code: 'unknown_field' }),
    ]);
  });

  it('refuses to delete a customer that rooms or keys still refer to', async () => {
    const customer = await createCustomer(t);
    await createRoom(t, customer.id);
    const response = await t.http.delete(`/v1/customers/${customer.id}`).set(t.auth()).expect(409);
    expect(response.body.code).toBe('customer_in_use');
    const keyed = await createCustomer(t);
    await createKey(t, ['customer'], keyed.id);
    await t.http.delete(`/v1/customers/${keyed.id}`).set(t.auth()).expect(409);
  });

  it('refuses a Stripe id used by another customer', async () => {
    const stripeCustomerId = `cus_${uniqueTag('dup').replace(/-/g, '')}`;
    await createCustomer(t, { stripeCustomerId });
    const response = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({ name: 'Second', currency: 'USD', stripeCustomerId })
      .expect(409);
    expect(response.body.code).toBe('already_exists');
  });

  it('pages through a filtered list with cursors, in creation order, without gaps or repeats', async () => {
    const tag = uniqueTag('paged');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createCustomer(t, { name: `${tag} #${i}` })).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { name: tag.toUpperCase(), limit: 2 };
      if (cursor) query.cursor = cursor;
      const page = await t.http.get('/v1/customers').query(query).set(t.auth()).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor as string | null;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('filters by currency', async () => {
    const tag = uniqueTag('ccy');
    await createCustomer(t, { name: `${tag} usd`, currency: 'USD' });
    const gbp = await createCustomer(t, { name: `${tag} gbp`, currency: 'GBP' });
    const page = await t.http
      .get('/v1/customers')
      .query({ name: tag, currency: 'GBP' })
      .set(t.auth())
      .expect(200);
    expect(page.body.data.map((c: { id: string }) => c.id)).toEqual([gbp.id]);
  });

  it('treats LIKE wildcards in the name filter literally', async () => {
    const tag = uniqueTag('wild');
    const percent = await createCustomer(t, { name: `${tag} 100% data` });
    await createCustomer(t, { name: `${tag} 100 data` });
    const page = await t.http
      .get('/v1/customers')
      .query({ name: '100%' })
      .set(t.auth())
      .expect(200);
    const ids = page.body.data.map((c: { id: string }) => c.id);
    expect(ids).toContain(percent.id);
    expect(page.body.data.every((c: { name: string }) => c.name.includes('100%'))).toBe(true);
  });
});
