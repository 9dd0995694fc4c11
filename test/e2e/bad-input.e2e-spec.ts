import { DataSource } from 'typeorm';
import { usageRow } from '../support/databricks-fixtures';
import { createCustomer, createRoom, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** `levels` arrays nested in one another around `inner`: `[[[inner]]]` for 3. */
const nested = (levels: number, inner = '') => '['.repeat(levels) + inner + ']'.repeat(levels);

const PERIOD = { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' };

/**
 * Input that used to answer 500: bodies nested deeper than any request needs, a quote without a
 * period or with a null or array plan, and explicit nulls in optional fields (they reached the
 * database as values, where a NOT NULL column refused them).
 */
describe('bad input answers 400, never 500', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const sendText = (method: 'post' | 'patch' | 'put', path: string, text: string) =>
    t.http[method](path).set(t.auth()).set('Content-Type', 'application/json').send(text);

  /** The problem's code and `field:code` of each field error, after checking the shape. */
  function problemOf(response: { status: number; headers: Record<string, string>; body: unknown }) {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.body as { code: string; errors?: { field: string; code: string }[] };
    return {
      status: response.status,
      code: body.code,
      errors: (body.errors ?? []).map((e) => `${e.field}:${e.code}`),
    };
  }

  describe('JSON nested deeper than 64 levels', () => {
    it('is refused as too_deep on every kind of route, before anything reads it', async () => {
      const customer = await createCustomer(t);
      const room = await createRoom(t, customer.id);
      const deep = nested(1500);
      const cases: ['post' | 'patch' | 'put', string, string][] = [
        ['post', '/v1/customers', `{"name": ${deep}, "currency": "USD"}`],
        ['patch', `/v1/customers/${customer.id}`, `{"name": ${deep}}`],
        ['patch', `/v1/rooms/${room.id}`, `{"name": ${deep}}`],
        ['post', '/v1/plans', `{"name": "p", "model": "bundled", "charges": ${deep}}`],
        ['put', `/v1/customers/${customer.id}/subscription`, `{"overrides": {"a": ${deep}}}`],
        ['post', '/v1/pricing/quotes', `{"plan": ${deep}}`],
        ['post', '/v1/invoices/close', deep],
      ];
      for (const [method, path, text] of cases) {
        const response = await sendText(method, path, text);
        expect([path, problemOf(response)]).toEqual([
          path,
          { status: 400, code: 'too_deep', errors: [] },
        ]);
      }
    });

    it('counts levels as JSON does: 64 pass the parser, 65 do not', async () => {
      const at = await sendText('post', '/v1/customers', `{"name": ${nested(63, '"x"')}}`);
      expect(problemOf(at)).toEqual(
        expect.objectContaining({ status: 400, code: 'validation_failed' }),
      );
      const over = await sendText('post', '/v1/customers', `{"name": ${nested(64, '"x"')}}`);
      expect(problemOf(over)).toEqual({ status: 400, code: 'too_deep', errors: [] });
    });

    it('is refused in a usage record read on the scanning fast path, and nothing is stored', async () => {
      const recordId = uniqueTag('deep');
      const record = JSON.stringify(usageRow({ record_id: recordId, custom_tags: {} }));
      const deepRecord = record.replace('"custom_tags":{}', `"custom_tags":{"t":${nested(1500)}}`);
      for (const text of [
        `{"records": [${deepRecord}]}`,
        // 65 levels: one past the limit (body, records, record, custom_tags, then 61 arrays).
        `{"records": [${record.replace('"custom_tags":{}', `"custom_tags":{"t":${nested(61)}}`)}]}`,
        // Not the exact shape: read whole.
        `{"records": [${deepRecord}], "extra": 1}`,
      ]) {
        const response = await sendText('post', '/v1/usage', text);
        expect(problemOf(response)).toEqual({ status: 400, code: 'too_deep', errors: [] });
      }
      const rows: { count: string }[] = await dataSource.query(
        'SELECT count(*) FROM usage_records WHERE record_id = $1',
        [recordId],
      );
      expect(rows[0].count).toBe('0');
    });

    it('is refused on the other raw ingestion routes too', async () => {
      for (const [path, field] of [
        ['/v1/prices', 'prices'],
        ['/v1/clean-room-events', 'events'],
      ]) {
        const response = await sendText('post', path, `{"${field}": [{"x": ${nested(1500)}}]}`);
        expect([path, problemOf(response)]).toEqual([
          path,
          { status: 400, code: 'too_deep', errors: [] },
        ]);
      }
    });
  });

  describe('POST /v1/pricing/quotes', () => {
    const quote = (body?: object) => {
      const request = t.http.post('/v1/pricing/quotes').set(t.auth());
      return body === undefined ? request : request.send(body);
    };

    it.each([
      ['an empty object', {}, ['period:is_object']],
      ['no body at all', undefined, ['period:is_object']],
      ['a null plan', { period: PERIOD, plan: null }, ['plan:not_null']],
      ['an array for a plan', { period: PERIOD, plan: [] }, ['plan:is_object']],
      ['an array for a period', { period: [PERIOD] }, ['period:is_object']],
      ['a null period', { period: null }, ['period:not_null']],
      [
        'numbers and booleans for dates',
        { period: { start: 0, end: true } },
        ['period.start:is_date', 'period.end:is_date'],
      ],
      [
        'a null usage figure',
        { period: PERIOD, usage: { partnerDbu: null } },
        ['usage.partnerDbu:not_null'],
      ],
      ['a null segment', { period: PERIOD, segments: [null] }, ['segments.0:not_null']],
      ['an array for a segment', { period: PERIOD, segments: [[]] }, ['segments:is_object']],
    ])('refuses %s with field errors', async (_case, body, errors) => {
      const problem = problemOf(await quote(body));
      expect(problem.status).toBe(400);
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors).toEqual(expect.arrayContaining(errors));
    });
  });

  describe('explicit null in an optional field', () => {
    it('is refused in a customer’s name, which stays as it was', async () => {
      const customer = await createCustomer(t);
      const response = await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth())
        .send({ name: null });
      expect(problemOf(response)).toEqual({
        status: 400,
        code: 'validation_failed',
        errors: ['name:not_null'],
      });
      const now = await t.http.get(`/v1/customers/${customer.id}`).set(t.auth()).expect(200);
      expect(now.body.name).toBe(customer.name);
    });

    it('is refused in a customer’s billing time zone', async () => {
      const customer = await createCustomer(t);
      const response = await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth())
        .send({ billingTimeZone: null });
      expect(problemOf(response).errors).toEqual(['billingTimeZone:not_null']);
    });

    it('is refused in a room’s name', async () => {
      const customer = await createCustomer(t);
      const room = await createRoom(t, customer.id);
      const response = await t.http
        .patch(`/v1/rooms/${room.id}`)
        .set(t.auth())
        .send({ name: null });
      expect(problemOf(response)).toEqual({
        status: 400,
        code: 'validation_failed',
        errors: ['name:not_null'],
      });
    });

    it('is refused in an identity’s customerId', async () => {
      const response = await t.http
        .post('/v1/identities')
        .set(t.auth())
        .send({
          kind: 'principal',
          value: `${uniqueTag('p')}@example.com`,
          party: 'customer',
          customerId: null,
        });
      expect(problemOf(response)).toEqual({
        status: 400,
        code: 'validation_failed',
        errors: ['customerId:not_null'],
      });
    });

    it('is refused in the customerId of an invoice close', async () => {
      const response = await t.http
        .post('/v1/invoices/close')
        .set(t.auth())
        .send({ period: '2026-10', customerId: null });
      expect(problemOf(response)).toEqual({
        status: 400,
        code: 'validation_failed',
        errors: ['customerId:not_null'],
      });
    });

    it('clears the fields documented nullable: a customer’s Stripe id, a room’s cadence', async () => {
      const customer = await createCustomer(t, { stripeCustomerId: 'cus_Clear1' });
      const cleared = await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth())
        .send({ stripeCustomerId: null })
        .expect(200);
      expect(cleared.body.stripeCustomerId).toBeNull();

      const room = await createRoom(t, customer.id, { expectedRunIntervalHours: 24 });
      const unset = await t.http
        .patch(`/v1/rooms/${room.id}`)
        .set(t.auth())
        .send({ expectedRunIntervalHours: null })
        .expect(200);
      expect(unset.body.expectedRunIntervalHours).toBeNull();
    });

    it('is refused where a field is nullable only to clear it, not when creating', async () => {
      const customer = await createCustomer(t);
      const response = await t.http.post('/v1/rooms').set(t.auth()).send({
        id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        name: 'r',
        customerId: customer.id,
        expectedRunIntervalHours: null,
      });
      expect(problemOf(response).errors).toEqual(['expectedRunIntervalHours:not_null']);
    });
  });
});
