import { randomUUID } from 'node:crypto';
import { createCustomer, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('registry: Databricks accounts, sharing identifiers and principals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers each kind for the partner and for a customer, normalised to lower case', async () => {
    const customer = await createCustomer(t);
    const account = randomUUID().toUpperCase();
    const created = await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({
        kind: 'account',
        value: account,
        party: 'customer',
        customerId: customer.id,
        description: 'Acme prod',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'account',
      value: account.toLowerCase(),
      party: 'customer',
      customerId: customer.id,
    });

    const sharing = `AWS:us-east-1:${randomUUID()}`;
    await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'sharing_identifier', value: sharing, party: 'partner' })
      .expect(201);
    const principal = `${uniqueTag('svc-etl')}@Partner.example`;
    await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'principal', value: principal, party: 'partner' })
      .expect(201);

    const byValue = await t.http
      .get('/v1/identities')
      .query({ kind: 'principal', value: principal.toUpperCase() })
      .set(t.auth())
      .expect(200);
    expect(byValue.body.data).toEqual([
      expect.objectContaining({
        value: principal.toLowerCase(),
        party: 'partner',
        customerId: null,
      }),
    ]);

    const byCustomer = await t.http
      .get('/v1/identities')
      .query({ customerId: customer.id })
      .set(t.auth())
      .expect(200);
    expect(byCustomer.body.data.map((i: { id: string }) => i.id)).toEqual([created.body.id]);

    await t.http.get(`/v1/identities/${created.body.id}`).set(t.auth()).expect(200);
    await t.http.delete(`/v1/identities/${created.body.id}`).set(t.auth()).expect(204);
    await t.http.get(`/v1/identities/${created.body.id}`).set(t.auth()).expect(404);
  });

  it.each([
    ['account', 'not-a-uuid'],
    ['sharing_identifier', `oracle:us-east-1:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`],
    ['sharing_identifier', 'aws:us-east-1'],
  ])('refuses a malformed %s value %s', async (kind, value) => {
    const response = await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind, value, party: 'partner' })
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'value', code: 'invalid_identity_value' }),
    ]);
  });

  it('requires a customer for party customer and none for the partner', async () => {
    const customer = await createCustomer(t);
    await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value: randomUUID(), party: 'customer' })
      .expect(400);
    const response = await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value: randomUUID(), party: 'partner', customerId: customer.id })
      .expect(400);
    expect(response.body.errors[0]).toMatchObject({
      field: 'customerId',
      code: 'customer_id_mismatch',
    });
  });

  it('refuses an identity already registered, whatever its case', async () => {
    const value = randomUUID();
    await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value, party: 'partner' })
      .expect(201);
    const response = await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value: value.toUpperCase(), party: 'partner' })
      .expect(409);
    expect(response.body.code).toBe('identity_taken');
  });

  it('refuses an unknown customer', async () => {
    const response = await t.http
      .post('/v1/identities')
      .set(t.auth())
      .send({ kind: 'account', value: randomUUID(), party: 'customer', customerId: randomUUID() })
      .expect(400);
    expect(response.body.code).toBe('unknown_customer');
  });
});
