import { startTestApp, TestApp } from '../support/test-app';

/** One error shape for everything that can go wrong at the edge; never a 5xx for bad input. */
describe('errors (application/problem+json)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JSON_BODY_LIMIT: '2kb' } });
  });
  afterAll(() => t.close());

  const expectProblem = (body: Record<string, unknown>, status: number, code: string) =>
    expect(body).toEqual(
      expect.objectContaining({
        type: `/problems/${code}`,
        status,
        code,
        title: expect.any(String),
        detail: expect.any(String),
      }),
    );

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .set('Content-Type', 'application/json')
      .send('{"name": "Acme", "currency": ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(response.body, 400, 'malformed_json');
  });

  it('answers an oversized body with 413', async () => {
    const response = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({ name: 'x'.repeat(5000), currency: 'USD' })
      .expect(413);
    expectProblem(response.body, 413, 'payload_too_large');
  });

  it('rejects unknown fields, naming them', async () => {
    const response = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({ name: 'Acme', currency: 'USD', discount: '0.5' })
      .expect(400);
    expectProblem(response.body, 400, 'validation_failed');
    expect(response.body.errors).toEqual([
      { field: 'discount', code: 'unknown_field', message: expect.any(String) },
    ]);
  });

  it('lists every invalid field with a stable code', async () => {
    const response = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({ name: 42, currency: 'DOLLARS', billingTimeZone: 'Mars/Olympus_Mons' })
      .expect(400);
    const codes = (response.body.errors as { field: string; code: string }[]).map(
      (e) => `${e.field}:${e.code}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'name:is_string',
        'currency:is_currency_code',
        'billingTimeZone:is_time_zone',
      ]),
    );
  });

  it('answers a missing required field with a field error', async () => {
    const response = await t.http
      .post('/v1/customers')
      .set(t.auth())
      .send({ name: 'Acme' })
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'currency', code: 'is_currency_code' }),
    ]);
  });

  it('answers a malformed id with 400, not 500', async () => {
    const response = await t.http.get('/v1/customers/not-a-uuid').set(t.auth()).expect(400);
    expectProblem(response.body, 400, 'bad_request');
    await t.http.get('/v1/rooms/not-a-room').set(t.auth()).expect(400);
  });

  it('answers an invalid cursor with a field error', async () => {
    const response = await t.http
      .get('/v1/customers')
      .query({ cursor: 'garbage' })
      .set(t.auth())
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' }),
    ]);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await t.http.get('/v1/nothing-here').set(t.auth()).expect(404);
    expectProblem(response.body, 404, 'not_found');
  });

  it('keeps database error text away from the client', async () => {
    const value = 'aws:us-east-1:3be05a26-5a83-478c-8428-9ef9aa67b5d0';
    const identity = { kind: 'sharing_identifier', value, party: 'partner' };
    await t.http.post('/v1/identities').set(t.auth()).send(identity).expect(201);
    const response = await t.http.post('/v1/identities').set(t.auth()).send(identity).expect(409);
    expectProblem(response.body, 409, 'identity_taken');
    expect(JSON.stringify(response.body)).not.toMatch(
      /duplicate key|constraint|party_identities|SQL/i,
    );
  });

  it('refuses JSON numbers where integers are expected', async () => {
    const response = await t.http
      .get('/v1/customers')
      .query({ limit: '2.5' })
      .set(t.auth())
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'limit', code: 'is_int' }),
    ]);
  });
});
