import { ControllableClock } from '../../src/shared/time/clock';
import { priceSampleSku } from '../support/databricks-fixtures';
import {
  expectedLines,
  loadPricingScenario,
  PRICING_SCENARIOS,
} from '../support/pricing-scenarios';
import { setUpScenario } from '../support/pricing-world';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The three worked scenarios of test/fixtures/pricing end to end: usage ingested and attributed,
 * rolled up, rated by the upcoming-invoice endpoint on the database, matching the hand
 * computation to the cent (test/pricing/worked-scenarios.spec.ts checks the kernel alone).
 */
describe('worked pricing scenarios through the API', () => {
  let t: TestApp;
  const clock = new ControllableClock(new Date('2032-03-31T12:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await priceSampleSku(t);
    // The scenarios' partner discount; no other suite has usage in 2032.
    await t.http
      .post('/v1/partner-discounts')
      .set(t.auth())
      .send({ rate: '0.2', effectiveFrom: '2032-01-01T00:00:00Z' })
      .expect(201);
  });
  afterAll(() => t.close());

  it.each(PRICING_SCENARIOS)(
    '%s: the upcoming invoice matches the hand computation',
    async (name) => {
      const scenario = loadPricingScenario(name);
      const world = await setUpScenario(t, scenario);

      const response = await t.http
        .get(`/v1/customers/${world.customerId}/invoices/upcoming`)
        .set(t.auth())
        .expect(200);

      expect(response.body).toMatchObject({
        customerId: world.customerId,
        currency: scenario.world.currency,
        period: {
          key: scenario.period.key,
          start: '2032-03-01T00:00:00.000Z',
          end: '2032-04-01T00:00:00.000Z',
        },
        segments: [
          {
            from: '2032-03-01T00:00:00.000Z',
            to: '2032-04-01T00:00:00.000Z',
            factor: '1',
            planVersionId: world.planVersionId,
            version: 1,
            model: scenario.plan.model,
          },
        ],
        total: scenario.expected.total,
      });
      expect(response.body.lines).toEqual(
        expectedLines(scenario, world.roomIds).map((line) => expect.objectContaining(line)),
      );
      expect(response.body.information).toEqual(
        scenario.expected.information.map((item) => expect.objectContaining(item)),
      );
      expect(response.body.caps).toEqual(
        scenario.expected.caps.map((cap) => expect.objectContaining(cap)),
      );
    },
  );
});
