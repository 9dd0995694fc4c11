import { createCustomer, createKey, createRoom } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('auth (API keys and scopes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('401 without a valid key', () => {
    it('refuses a request with no Authorization header', async () => {
      const response = await t.http.get('/v1/customers').expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('refuses a header that is not a bearer token', async () => {
      await t.http.get('/v1/customers').set('Authorization', 'Basic YWRtaW46YWRtaW4=').expect(401);
    });

    it('refuses an unknown key', async () => {
      const response = await t.http
        .get('/v1/customers')
        .set(t.auth('crb_not-a-real-key'))
        .expect(401);
      expect(response.body.code).toBe('unauthenticated');
    });

    it('refuses a key once it is revoked', async () => {
      const created = await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'to revoke', scopes: ['finance'] })
        .expect(201);
      const { id, secret } = created.body as { id: string; secret: string };
      await t.http.get('/v1/customers').set(t.auth(secret)).expect(200);
      const revoked = await t.http.delete(`/v1/api-keys/${id}`).set(t.auth()).expect(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      await t.http.get('/v1/customers').set(t.auth(secret)).expect(401);
    });
  });

  describe('403 with the wrong scope', () => {
    it.each([
      ['finance', 'post', '/v1/customers'],
      ['partner', 'post', '/v1/rooms'],
      ['ingest', 'get', '/v1/customers'],
      ['finance', 'get', '/v1/api-keys'],
      ['partner', 'post', '/v1/api-keys'],
    ] as const)('a %s key cannot %s %s', async (scope, method, path) => {
      const key = await createKey(t, [scope]);
      const response = await t.http[method](path).set(t.auth(key)).send({}).expect(403);
      expect(response.body).toMatchObject({ status: 403, code: 'forbidden' });
    });

    it('a customer key cannot write', async () => {
      const customer = await createCustomer(t);
      const key = await createKey(t, ['customer'], customer.id);
      await t.http
        .patch(`/v1/customers/${customer.id}`)
        .set(t.auth(key))
        .send({ name: 'mine now' })
        .expect(403);
    });

    it('a finance key can read what it is allowed to', async () => {
      const key = await createKey(t, ['finance']);
      await t.http.get('/v1/customers').set(t.auth(key)).expect(200);
      await t.http.get('/v1/identities').set(t.auth(key)).expect(200);
    });
  });

  describe('customer keys see one customer only', () => {
    let own: { id: string };
    let other: { id: string };
    let ownRoom: { id: string };
    let otherRoom: { id: string };
    let key: string;

    beforeAll(async () => {
      own = await createCustomer(t);
      other = await createCustomer(t);
      ownRoom = await createRoom(t, own.id);
      otherRoom = await createRoom(t, other.id);
      key = await createKey(t, ['customer'], own.id);
    });

    it('reads its own customer and room', async () => {
      await t.http.get(`/v1/customers/${own.id}`).set(t.auth(key)).expect(200);
      const room = await t.http.get(`/v1/rooms/${ownRoom.id}`).set(t.auth(key)).expect(200);
      expect(room.body.customerId).toBe(own.id);
    });

    it("gets 404, not 403, for another customer's resources", async () => {
      const customer = await t.http.get(`/v1/customers/${other.id}`).set(t.auth(key)).expect(404);
      expect(customer.body.code).toBe('not_found');
      await t.http.get(`/v1/rooms/${otherRoom.id}`).set(t.auth(key)).expect(404);
      await t.http.get(`/v1/rooms/${otherRoom.id}/owners`).set(t.auth(key)).expect(404);
      await t.http
        .get(`/v1/rooms/${otherRoom.id}/owner`)
        .query({ at: new Date().toISOString() })
        .set(t.auth(key))
        .expect(404);
    });

    it('answers the same 404 for a customer that does not exist', async () => {
      const response = await t.http
        .get('/v1/customers/00000000-0000-4000-8000-000000000000')
        .set(t.auth(key))
        .expect(404);
      expect(response.body.code).toBe('not_found');
    });

    it('lists only its own customer and rooms', async () => {
      const customers = await t.http.get('/v1/customers').set(t.auth(key)).expect(200);
      expect(customers.body.data.map((c: { id: string }) => c.id)).toEqual([own.id]);
      const rooms = await t.http.get('/v1/rooms').set(t.auth(key)).expect(200);
      expect(rooms.body.data.map((r: { id: string }) => r.id)).toEqual([ownRoom.id]);
      const filtered = await t.http
        .get('/v1/rooms')
        .query({ customerId: other.id })
        .set(t.auth(key))
        .expect(200);
      expect(filtered.body.data).toEqual([]);
    });

    it('cannot read identities (partner configuration)', async () => {
      await t.http.get('/v1/identities').set(t.auth(key)).expect(403);
    });
  });

  describe('creating keys', () => {
    it('returns the secret once and never lists it', async () => {
      const created = await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'once', scopes: ['partner'] })
        .expect(201);
      expect(created.body.secret).toMatch(/^crb_/);
      expect(created.body.prefix).toBe(created.body.secret.slice(0, 12));
      let cursor: string | undefined;
      const listed: Record<string, unknown>[] = [];
      do {
        const page = await t.http
          .get('/v1/api-keys')
          .query({ limit: 200, ...(cursor ? { cursor } : {}) })
          .set(t.auth())
          .expect(200);
        listed.push(...(page.body.data as Record<string, unknown>[]));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const mine = listed.find((k) => k.id === created.body.id);
      expect(mine).toMatchObject({ name: 'once', scopes: ['partner'], revokedAt: null });
      expect(listed.some((k) => 'secret' in k)).toBe(false);
    });

    it('requires customerId with scope customer, and only with it', async () => {
      const missing = await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'c', scopes: ['customer'] })
        .expect(400);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ field: 'customerId', code: 'customer_id_mismatch' }),
      ]);
      const customer = await createCustomer(t);
      await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'c', scopes: ['finance'], customerId: customer.id })
        .expect(400);
      const mixed = await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'c', scopes: ['customer', 'finance'], customerId: customer.id })
        .expect(400);
      expect(mixed.body.errors[0].code).toBe('customer_scope_alone');
    });

    it('refuses a customer key for a customer that does not exist', async () => {
      const response = await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({
          name: 'c',
          scopes: ['customer'],
          customerId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(response.body.code).toBe('unknown_customer');
    });

    it('refuses an unknown scope with a field error', async () => {
      const response = await t.http
        .post('/v1/api-keys')
        .set(t.auth())
        .send({ name: 'c', scopes: ['root'] })
        .expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'scopes', code: 'is_in' }),
      ]);
    });
  });
});
