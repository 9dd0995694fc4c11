import { D } from '../../src/shared/money/decimal';
import {
  assertValidPlanVersionTerms,
  planVersionTermsFrom,
  ratePeriod,
  ratingResultToJson,
  sumUsage,
  type PlanVersionInput,
  type RoomUsage,
} from '../../src/modules/pricing/domain';
import {
  expectedLines,
  loadPricingScenario,
  PRICING_SCENARIOS,
} from '../support/pricing-scenarios';

/**
 * The three worked scenarios through the pure kernel, from the hand-written aggregates; the
 * same scenarios go through ingestion and the API in test/e2e/pricing-scenarios.e2e-spec.ts.
 */
describe.each(PRICING_SCENARIOS)('worked scenario %s (kernel)', (name) => {
  const scenario = loadPricingScenario(name);

  it('matches the hand computation line by line, to the cent', () => {
    const { terms, errors } = planVersionTermsFrom(scenario.plan as unknown as PlanVersionInput);
    expect(errors).toEqual([]);
    assertValidPlanVersionTerms(terms);
    const rooms: RoomUsage[] = scenario.aggregates.rooms.map((room) => ({
      roomId: room.room,
      partnerDbu: new D(room.partnerDbu),
      partnerCost: new D(room.partnerCost),
      partnerListCost: new D(room.partnerListCost),
      customerDbu: new D(room.customerDbu),
      customerListCost: new D(room.customerListCost),
      partnerRuns: new D(room.partnerRuns),
    }));
    const result = ratingResultToJson(
      ratePeriod({
        currency: scenario.world.currency,
        segments: [
          {
            from: new Date(scenario.period.start),
            to: new Date(scenario.period.end),
            factor: new D(1),
            planVersionId: null,
            terms,
            usage: { totals: sumUsage(rooms), activeRooms: scenario.aggregates.activeRooms, rooms },
          },
        ],
      }),
    );
    expect(result.lines).toEqual(
      expectedLines(scenario, { a: 'a', b: 'b' }).map((line) => expect.objectContaining(line)),
    );
    expect(result.information).toEqual(
      scenario.expected.information.map((item) => expect.objectContaining(item)),
    );
    expect(result.caps).toEqual(scenario.expected.caps.map((cap) => expect.objectContaining(cap)));
    expect(result.total).toBe(scenario.expected.total);
  });
});
