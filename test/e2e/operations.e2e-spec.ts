import { startTestApp, TestApp } from '../support/test-app';

describe('operations: health, metrics, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports ready with the database up, without a key', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    await t.http.get('/health/live').expect(200, { status: 'ok' });
  });

  it('exposes request latency histograms by route pattern and status', async () => {
    await t.http.get('/v1/customers').set(t.auth()).expect(200);
    await t.http
      .get('/v1/customers/00000000-0000-4000-8000-000000000000')
      .set(t.auth())
      .expect(404);
    const metrics = await t.http.get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/customers",status="200"}',
    );
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/customers\/:id",status="404"\} 1/,
    );
    expect(metrics.text).toContain('process_cpu_seconds_total');
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await t.http.get('/health/live').set('X-Request-Id', 'req-abc.123').expect(200);
    expect(given.headers['x-request-id']).toBe('req-abc.123');
    const made = await t.http
      .get('/health/live')
      .set('X-Request-Id', 'bad id with spaces')
      .expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the API docs', async () => {
    const docs = await t.http.get('/docs').expect(200);
    expect(docs.text).toContain('swagger');
  });
});
