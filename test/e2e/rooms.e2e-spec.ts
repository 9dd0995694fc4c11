import { randomUUID } from 'node:crypto';
import { ControllableClock } from '../../src/shared/time/clock';
import { createCustomer, createRoom, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('registry: clean rooms with effective-dated ownership', () => {
  // "Now" for the service is mid-July 2025, so ownership changes in June are in the past.
  const clock = new ControllableClock(new Date('2025-07-15T00:00:00.000Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const ownerAt = async (roomId: string, at: string) => {
    const response = await t.http.get(`/v1/rooms/${roomId}/owner`).query({ at }).set(t.auth());
    return response.status === 200
      ? (response.body.customerId as string)
      : `${response.status}:${response.body.code as string}`;
  };

  it('registers a room with its owner and reads it back', async () => {
    const customer = await createCustomer(t);
    const id = randomUUID().toUpperCase();
    const created = await t.http
      .post('/v1/rooms')
      .set(t.auth())
      .send({
        id,
        name: 'acme-audience-overlap',
        customerId: customer.id,
        expectedRunIntervalHours: 24,
      })
      .expect(201);
    expect(created.body).toEqual({
      id: id.toLowerCase(),
      name: 'acme-audience-overlap',
      customerId: customer.id,
      notebookEtag: null,
      lastRunAt: null,
      expectedRunIntervalHours: 24,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const read = await t.http.get(`/v1/rooms/${id}`).set(t.auth()).expect(200);
    expect(read.body).toEqual(created.body);

    const renamed = await t.http
      .patch(`/v1/rooms/${id}`)
      .set(t.auth())
      .send({ name: 'acme-overlap-v2' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'acme-overlap-v2', expectedRunIntervalHours: 24 });
  });

  it('refuses a room registered twice, an unknown owner, and a malformed id', async () => {
    const customer = await createCustomer(t);
    const room = await createRoom(t, customer.id);
    const again = await t.http
      .post('/v1/rooms')
      .set(t.auth())
      .send({ id: room.id, name: 'again', customerId: customer.id })
      .expect(409);
    expect(again.body.code).toBe('already_exists');
    const unknown = await t.http
      .post('/v1/rooms')
      .set(t.auth())
      .send({ id: randomUUID(), name: 'x', customerId: randomUUID() })
      .expect(400);
    expect(unknown.body.code).toBe('unknown_customer');
    const malformed = await t.http
      .post('/v1/rooms')
      .set(t.auth())
      .send({ id: 'room-1', name: 'x', customerId: customer.id })
      .expect(400);
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'id', code: 'matches' }),
    ]);
  });

  it('a room registered without a start date belongs to its first owner since always', async () => {
    const acme = await createCustomer(t);
    const room = await createRoom(t, acme.id);
    expect(await ownerAt(room.id, '2001-01-01T00:00:00.000Z')).toBe(acme.id);
  });

  it('hands a room over and answers who owned it at any instant', async () => {
    const acme = await createCustomer(t, { name: uniqueTag('acme') });
    const globex = await createCustomer(t, { name: uniqueTag('globex') });
    const room = await createRoom(t, acme.id, { ownerSince: '2025-06-01T00:00:00.000Z' });

    const history = await t.http
      .post(`/v1/rooms/${room.id}/owners`)
      .set(t.auth())
      .send({ customerId: globex.id, effectiveFrom: '2025-06-15T12:00:00.000Z' })
      .expect(201);
    expect(history.body).toEqual([
      {
        customerId: acme.id,
        effectiveFrom: '2025-06-01T00:00:00.000Z',
        effectiveTo: '2025-06-15T12:00:00.000Z',
      },
      { customerId: globex.id, effectiveFrom: '2025-06-15T12:00:00.000Z', effectiveTo: null },
    ]);

    expect(await ownerAt(room.id, '2025-05-31T23:59:59.999Z')).toBe('404:no_owner');
    expect(await ownerAt(room.id, '2025-06-01T00:00:00.000Z')).toBe(acme.id);
    expect(await ownerAt(room.id, '2025-06-15T11:59:59.999Z')).toBe(acme.id);
    expect(await ownerAt(room.id, '2025-06-15T12:00:00.000Z')).toBe(globex.id);
    expect(await ownerAt(room.id, '2025-07-01T00:00:00.000Z')).toBe(globex.id);

    // Today (per the clock) the room is Globex's: it reads so and lists under Globex only.
    const now = await t.http.get(`/v1/rooms/${room.id}`).set(t.auth()).expect(200);
    expect(now.body.customerId).toBe(globex.id);
    const globexRooms = await t.http
      .get('/v1/rooms')
      .query({ customerId: globex.id })
      .set(t.auth())
      .expect(200);
    expect(globexRooms.body.data.map((r: { id: string }) => r.id)).toEqual([room.id]);
    const acmeRooms = await t.http
      .get('/v1/rooms')
      .query({ customerId: acme.id })
      .set(t.auth())
      .expect(200);
    expect(acmeRooms.body.data).toEqual([]);

    const listed = await t.http.get(`/v1/rooms/${room.id}/owners`).set(t.auth()).expect(200);
    expect(listed.body).toEqual(history.body);
  });

  it('takes a back-dated handover in the middle of the history', async () => {
    const [a, b, c] = [await createCustomer(t), await createCustomer(t), await createCustomer(t)];
    const room = await createRoom(t, a.id, { ownerSince: '2025-01-01T00:00:00.000Z' });
    await t.http
      .post(`/v1/rooms/${room.id}/owners`)
      .set(t.auth())
      .send({ customerId: c.id, effectiveFrom: '2025-05-01T00:00:00.000Z' })
      .expect(201);
    const history = await t.http
      .post(`/v1/rooms/${room.id}/owners`)
      .set(t.auth())
      .send({ customerId: b.id, effectiveFrom: '2025-03-01T00:00:00.000Z' })
      .expect(201);
    expect(history.body.map((s: { customerId: string }) => s.customerId)).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
    expect(await ownerAt(room.id, '2025-04-30T23:59:59.999Z')).toBe(b.id);
    expect(await ownerAt(room.id, '2025-05-01T00:00:00.000Z')).toBe(c.id);
  });

  it('refuses a handover to the customer who already owns the room then, or at an instant already taken', async () => {
    const [a, b] = [await createCustomer(t), await createCustomer(t)];
    const room = await createRoom(t, a.id, { ownerSince: '2025-01-01T00:00:00.000Z' });
    const same = await t.http
      .post(`/v1/rooms/${room.id}/owners`)
      .set(t.auth())
      .send({ customerId: a.id, effectiveFrom: '2025-02-01T00:00:00.000Z' })
      .expect(409);
    expect(same.body.code).toBe('already_owner');
    const taken = await t.http
      .post(`/v1/rooms/${room.id}/owners`)
      .set(t.auth())
      .send({ customerId: b.id, effectiveFrom: '2025-01-01T00:00:00.000Z' })
      .expect(409);
    expect(taken.body.code).toBe('already_exists');
    await t.http
      .post(`/v1/rooms/${randomUUID()}/owners`)
      .set(t.auth())
      .send({ customerId: b.id, effectiveFrom: '2025-01-01T00:00:00.000Z' })
      .expect(404);
  });

  it('a room whose first owner starts later has no owner today', async () => {
    const a = await createCustomer(t);
    const room = await createRoom(t, a.id, { ownerSince: '2025-09-01T00:00:00.000Z' });
    const read = await t.http.get(`/v1/rooms/${room.id}`).set(t.auth()).expect(200);
    expect(read.body.customerId).toBeNull();
  });

  it('pages through rooms filtered by name', async () => {
    const owner = await createCustomer(t);
    const tag = uniqueTag('paged-room');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await createRoom(t, owner.id, { name: `${tag}-${i}` })).id);
    const first = await t.http
      .get('/v1/rooms')
      .query({ name: tag, limit: 2 })
      .set(t.auth())
      .expect(200);
    const second = await t.http
      .get('/v1/rooms')
      .query({ name: tag, limit: 2, cursor: first.body.nextCursor })
      .set(t.auth())
      .expect(200);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.data, ...second.body.data].map((r: { id: string }) => r.id)).toEqual(ids);
  });

  it('requires a valid instant for the owner lookup', async () => {
    const a = await createCustomer(t);
    const room = await createRoom(t, a.id);
    const response = await t.http
      .get(`/v1/rooms/${room.id}/owner`)
      .query({ at: 'yesterday' })
      .set(t.auth())
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
  });
});
