import { randomUUID } from 'node:crypto';
import { ControllableClock } from '../../src/shared/time/clock';
import { buildFleetWorld, FleetWorld, NOW } from '../support/fleet-world';
import { startTestApp, TestApp } from '../support/test-app';

interface CustomerGroup {
  customerId: string | null;
  counts: Record<string, number>;
  rooms: { roomId: string; status: string; firstRunOnRelease: unknown }[];
}

/**
 * Notebook releases on the fleet world (test/support/fleet-world.ts), at NOW = 2044-03-20 12:00
 * UTC. The world's notebook ran: r1 v1 on 10, 14 and 16 March, v2 on 18 and 20 March (x); r2 v1
 * on 12 (y's time) and 17 March (x's); r3 v1 on 1 February (y); r4 never ran (y).
 */
describe('notebook releases', () => {
  let t: TestApp;
  let w: FleetWorld;
  const clock = new ControllableClock(new Date(NOW));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await buildFleetWorld(t, clock);
  });
  afterAll(() => t.close());

  const release = (body: Record<string, unknown>, key = w.keys.partner) =>
    t.http.post('/v1/notebook-releases').set(t.auth(key)).send(body);
  const detail = async (id: string) =>
    (await t.http.get(`/v1/notebook-releases/${id}`).set(t.auth(w.keys.finance)).expect(200))
      .body as { counts: Record<string, number>; customers: CustomerGroup[]; asOf: string };
  const groupOf = (customers: CustomerGroup[], customerId: string) =>
    customers.find((group) => group.customerId === customerId);

  it('says per customer which rooms run the released etag and which are behind past the cutover', async () => {
    const created = await release({
      notebookName: w.notebook,
      etag: 'v2',
      releasedAt: '2044-03-17T00:00:00Z',
      cutoverAt: '2044-03-19T00:00:00Z',
    }).expect(201);
    expect(created.body).toMatchObject({
      notebookName: w.notebook,
      etag: 'v2',
      releasedAt: '2044-03-17T00:00:00.000Z',
      cutoverAt: '2044-03-19T00:00:00.000Z',
    });
    const view = await detail(created.body.id);
    expect(view.asOf).toBe(NOW);
    // The cutover (19 March) is past. r1's latest run (20 March) ran v2, first on the 18th:
    // current. r2's latest (17 March) and r3's (1 February) ran v1: behind past the cutover. r4
    // never ran.
    expect(groupOf(view.customers, w.x.id)).toEqual({
      customerId: w.x.id,
      counts: { rooms: 2, current: 1, behind: 0, behindPastCutover: 1, neverRan: 0 },
      rooms: [
        {
          roomId: w.r1.id,
          name: w.r1.name,
          status: 'current',
          firstRunOnRelease: { runId: 'r1d', startedAt: '2044-03-18T06:00:00.000Z' },
          lastRun: {
            runId: 'r1e',
            etag: 'v2',
            startedAt: '2044-03-20T06:00:00.000Z',
            state: 'SUCCESS',
          },
        },
        {
          roomId: w.r2.id,
          name: w.r2.name,
          status: 'behind_past_cutover',
          firstRunOnRelease: null,
          lastRun: {
            runId: 'r2b',
            etag: 'v1',
            startedAt: '2044-03-17T10:00:00.000Z',
            state: 'SUCCESS',
          },
        },
      ],
    });
    expect(groupOf(view.customers, w.y.id)).toEqual({
      customerId: w.y.id,
      counts: { rooms: 2, current: 0, behind: 0, behindPastCutover: 1, neverRan: 1 },
      rooms: [
        {
          roomId: w.r3.id,
          name: w.r3.name,
          status: 'behind_past_cutover',
          firstRunOnRelease: null,
          lastRun: {
            runId: 'r3a',
            etag: 'v1',
            startedAt: '2044-02-01T00:00:00.000Z',
            state: 'SUCCESS',
          },
        },
        {
          roomId: w.r4.id,
          name: w.r4.name,
          status: 'never_ran',
          firstRunOnRelease: null,
          lastRun: null,
        },
      ],
    });
    // Only this world's rooms ran its notebook; rooms of other tests that never ran count as never_ran.
    expect(view.counts).toMatchObject({ current: 1, behind: 0, behindPastCutover: 2 });
    expect(view.counts.rooms).toBe(3 + view.counts.neverRan);
  });

  it('counts a later release as current, and an older etag before the cutover as behind', async () => {
    // v3, released today, cutover 1 April: nobody ran it; before the cutover, so `behind`.
    const v3 = await release({
      notebookName: w.notebook,
      etag: 'v3',
      releasedAt: '2044-03-20T00:00:00Z',
      cutoverAt: '2044-04-01T00:00:00Z',
    }).expect(201);
    const statuses = (view: { customers: CustomerGroup[] }) =>
      [w.x.id, w.y.id].flatMap((id) =>
        (groupOf(view.customers, id)?.rooms ?? []).map((room) => room.status),
      );
    expect(statuses(await detail(v3.body.id))).toEqual(['behind', 'behind', 'behind', 'never_ran']);
    // v1, released 1 March: r1 is on v2 and r2, r3 on v1, both released since or it: all current.
    const v1 = await release({
      notebookName: w.notebook,
      etag: 'v1',
      releasedAt: '2044-03-01T00:00:00Z',
      cutoverAt: '2044-03-05T00:00:00Z',
    }).expect(201);
    const view = await detail(v1.body.id);
    expect(statuses(view)).toEqual(['current', 'current', 'current', 'never_ran']);
    // Their first runs on v1: r1 10 March 06:00, r2 12 March 10:00 (y's run: the partner sees it).
    expect(groupOf(view.customers, w.x.id)?.rooms.map((room) => room.firstRunOnRelease)).toEqual([
      { runId: 'r1a', startedAt: '2044-03-10T06:00:00.000Z' },
      { runId: 'r2a', startedAt: '2044-03-12T10:00:00.000Z' },
    ]);

    const list = await t.http
      .get('/v1/notebook-releases')
      .query({ notebookName: w.notebook })
      .set(t.auth(w.keys.partner))
      .expect(200);
    expect(list.body.data.map((r: { etag: string }) => r.etag)).toEqual(['v1', 'v3', 'v2']);
    expect(list.body.nextCursor).toBeNull();
  });

  it('refuses invalid releases with field errors, and a second release of an etag with 409', async () => {
    const before = await release({
      notebookName: w.notebook,
      etag: 'v9',
      releasedAt: '2044-03-10T00:00:00Z',
      cutoverAt: '2044-03-09T23:59:59Z',
    }).expect(400);
    expect(before.body).toMatchObject({
      code: 'validation_failed',
      errors: [
        {
          field: 'cutoverAt',
          code: 'before_release',
          message: 'cutoverAt must not be before releasedAt',
        },
      ],
    });
    const bad = await release({ notebookName: '  ', etag: '', releasedAt: 'yesterday' }).expect(
      400,
    );
    expect(
      bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort(),
    ).toEqual([
      'cutoverAt:is_date',
      'etag:is_length',
      'etag:matches',
      'notebookName:matches',
      'releasedAt:is_date',
    ]);
    // A cutover at the release instant itself is allowed.
    const same = { notebookName: w.notebook, etag: 'v4', releasedAt: NOW, cutoverAt: NOW };
    await release(same).expect(201);
    const again = await release({ ...same, cutoverAt: '2044-04-01T00:00:00Z' }).expect(409);
    expect(again.body.code).toBe('already_exists');
  });

  it('is the partner’s: customer keys get 403, an unknown release 404', async () => {
    const body = { notebookName: w.notebook, etag: 'v5', releasedAt: NOW, cutoverAt: NOW };
    await release(body, w.x.key).expect(403);
    await release(body, w.keys.finance).expect(403);
    await t.http.get('/v1/notebook-releases').set(t.auth(w.x.key)).expect(403);
    await t.http.get(`/v1/notebook-releases/${randomUUID()}`).set(t.auth(w.x.key)).expect(403);
    await t.http.get(`/v1/notebook-releases/${randomUUID()}`).set(t.auth()).expect(404);
    await t.http.get('/v1/notebook-releases/not-a-uuid').set(t.auth()).expect(400);
  });
});
