import fc from 'fast-check';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { ControllableClock } from '../../src/shared/time/clock';
import { TestDatabase } from '../setup/test-database';
import { FakeStripe } from '../support/fake-stripe';
import {
  createCustomer,
  createKey,
  createRoom,
  registerIdentity,
  uniqueTag,
} from '../support/factories';
import { createIsolatedDatabase } from '../support/fuzz/isolated-database';
import { csvPayload, mutated, Payload, payloadText } from '../support/fuzz/mutations';
import { changedCounts, rowCounter } from '../support/fuzz/row-counts';
import { Schema, validish } from '../support/fuzz/schema-arbitrary';
import { WriteRoute, writeRoutes } from '../support/fuzz/write-routes';
import { startTestApp, TestApp } from '../support/test-app';

/** Fixed, so that a failure replays; FUZZ_SEED tries another. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
/** Cases over all write routes: fewer on PGlite, which runs every statement in one process. */
const CASES = Number(process.env.FUZZ_CASES ?? (process.env.DATABASE_URL ? 3000 : 2000));

const WEBHOOK_SECRET = 'whsec_fuzz_secret';
const signer = new Stripe('sk_test_signer');

const GARBAGE_IDS = [
  'not-an-id',
  '0',
  'x'.repeat(300),
  '%E0%A4%A',
  '%00',
  '%F0%9F%98%80',
  '..',
  '%20',
];

interface Case {
  readonly route: WriteRoute;
  readonly url: string;
  readonly payload: Payload;
}

/** Ids of what the seed world stored, by the collection that names them in a path. */
type KnownIds = Record<string, string[]>;

/**
 * Every write route of the contract (POST, PUT, PATCH, DELETE), sent valid-ish bodies and
 * mutated ones (wrong types, nulls, deep nesting, huge strings, odd unicode, extra and missing
 * fields, malformed JSON) with an admin key over real HTTP. Whatever comes in: never a 5xx, every
 * 4xx is application/problem+json, and a refused request leaves every table's row count as it was.
 */
describe('fuzzing the write routes', () => {
  let database: TestDatabase;
  let stripe: FakeStripe;
  let t: TestApp;
  let dataSource: DataSource;
  const clock = new ControllableClock(new Date('2026-01-15T12:00:00Z'));

  // Its own database: other test files running meanwhile would move the row counts.
  beforeAll(async () => {
    database = await createIsolatedDatabase();
    stripe = await FakeStripe.start();
    const shared = {
      url: process.env.TEST_DATABASE_URL,
      embedded: process.env.TEST_DATABASE_EMBEDDED,
    };
    process.env.TEST_DATABASE_URL = database.target.url;
    process.env.TEST_DATABASE_EMBEDDED = database.target.embedded ? '1' : '0';
    try {
      // Payments enabled (against a local stand-in), so that webhooks are read, not refused.
      t = await startTestApp({
        clock,
        env: {
          STRIPE_SECRET_KEY: 'sk_test_fake',
          STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
          STRIPE_API_URL: stripe.url,
        },
      });
    } finally {
      process.env.TEST_DATABASE_URL = shared.url;
      process.env.TEST_DATABASE_EMBEDDED = shared.embedded;
    }
    dataSource = t.app.get(DataSource);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await stripe?.stop();
    await database?.drop();
  });

  /** A customer with a room, a plan, a subscription and a draft invoice, and what else has an id. */
  async function seedWorld(): Promise<KnownIds> {
    const customer = await createCustomer(t);
    const spare = await createCustomer(t);
    const room = await createRoom(t, customer.id);
    const plan = await t.http
      .post('/v1/plans')
      .set(t.auth())
      .send({
        name: uniqueTag('plan'),
        model: 'pass_through',
        currency: 'USD',
        subscriptionFee: '100',
      })
      .expect(201);
    const versionId = plan.body.versions[0].id as string;
    await t.http
      .put(`/v1/customers/${customer.id}/subscription`)
      .set(t.auth())
      .send({ planVersionId: versionId, effectiveFrom: '2026-01-01T00:00:00Z' })
      .expect(200);
    clock.set(new Date('2026-02-02T00:00:00Z'));
    const closed = await t.http
      .post('/v1/invoices/close')
      .set(t.auth())
      .send({ period: '2026-01', customerId: customer.id })
      .expect(200);
    const identity = await registerIdentity(t, {
      kind: 'principal',
      value: `${uniqueTag('p')}@example.com`,
      party: 'customer',
      customerId: customer.id,
    });
    await createKey(t, ['finance']);
    const keys = await t.http.get('/v1/api-keys').set(t.auth()).expect(200);
    return {
      customers: [customer.id, spare.id],
      rooms: [room.id],
      plans: [plan.body.id as string],
      'plan-versions': [versionId],
      invoices: [closed.body.results[0].invoice.id as string],
      identities: [identity.id],
      // Never the bootstrap admin key the fuzzer itself uses.
      'api-keys': (keys.body.data as { id: string; name: string }[])
        .filter((key) => key.name.startsWith('key-'))
        .map((key) => key.id),
    };
  }

  function casesOf(
    route: WriteRoute,
    known: KnownIds,
    schemas: Record<string, Schema>,
    runs: number,
  ) {
    const allIds = Object.values(known).flat();
    const context = { schemas, knownIds: () => allIds };
    const segments = route.path.split('/');
    const parameter = (name: string) => {
      const collection = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
      const ids = known[collection] ?? [];
      return fc.oneof(
        { weight: 4, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid() },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom(...GARBAGE_IDS) },
      );
    };
    const url = fc
      .tuple(...route.pathParameters.map(parameter))
      .map((values) =>
        route.pathParameters.reduce(
          (path, name, i) => path.replace(`{${name}}`, values[i]),
          route.path,
        ),
      );
    // No JSON schema: a route without a body, or a CSV import; it gets bodies all the same.
    const payloads =
      route.body === null
        ? fc.oneof(mutated(fc.constant({})), csvPayload)
        : mutated(validish(route.body, context));
    return fc.sample(
      fc.tuple(url, payloads).map(([u, payload]): Case => ({ route, url: u, payload })),
      { seed: SEED + hash(route.method + route.path), numRuns: runs },
    );
  }

  /** Every other body is signed as Stripe signs: only the webhook route reads the signature. */
  async function send({ route, url, payload }: Case, signed: boolean) {
    const request = t.http[route.method](url).set(t.auth());
    const text = payloadText(payload);
    if (text === undefined) return request;
    if (signed) {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      request.set(
        'Stripe-Signature',
        signer.webhooks.generateTestHeaderString({
          payload: text,
          secret: WEBHOOK_SECRET,
          timestamp,
        }),
      );
    }
    const type = payload.kind === 'text' ? payload.contentType : 'application/json';
    return (type === null ? request : request.set('Content-Type', type)).send(text);
  }

  it('never answers 5xx, answers every 4xx as problem+json, and a refused request writes nothing', async () => {
    const started = Date.now();
    const known = await seedWorld();
    const document = buildOpenApiDocument(t.app);
    const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
    const routes = writeRoutes(document);
    expect(routes.length).toBeGreaterThan(20);
    const perRoute = Math.ceil(CASES / routes.length);
    const cases = routes.flatMap((route) => casesOf(route, known, schemas, perRoute));
    // Interleaved, so that one route's successes set the stage for another's.
    const order = fc.sample(fc.shuffledSubarray(cases, { minLength: cases.length }), {
      seed: SEED,
      numRuns: 1,
    })[0];

    const counts = await rowCounter(dataSource);
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let before = await counts();
    for (const [i, testCase] of order.entries()) {
      const response = await send(testCase, i % 2 === 0);
      const { status } = response;
      statuses[status] = (statuses[status] ?? 0) + 1;
      const label = `${testCase.route.method.toUpperCase()} ${testCase.url.slice(0, 120)} [${testCase.payload.note}] (${(payloadText(testCase.payload) ?? '').slice(0, 200)})`;
      const body = response.body as Record<string, unknown>;
      if (status >= 500) {
        failures.push(`${label} → ${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      if (status >= 400) {
        const type = String(response.headers['content-type'] ?? '');
        const shaped =
          type.startsWith('application/problem+json') &&
          body.status === status &&
          ['type', 'title', 'detail', 'code'].every((key) => typeof body[key] === 'string');
        if (!shaped)
          failures.push(
            `${label} → ${status} not a problem: ${type} ${response.text.slice(0, 200)}`,
          );
        const after = await counts();
        const changed = changedCounts(before, after);
        if (changed.length > 0)
          failures.push(`${label} → ${status} yet wrote: ${changed.join(', ')}`);
        before = after;
      } else {
        before = await counts();
      }
    }
    console.log(
      `fuzz: seed ${SEED}, ${order.length} cases over ${routes.length} write routes in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(statuses)}`,
    );
    expect({ failures: failures.length, first: failures.slice(0, 30) }).toEqual({
      failures: 0,
      first: [],
    });
  }, 600_000);
});

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
