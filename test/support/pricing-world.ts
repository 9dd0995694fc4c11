import { randomUUID } from 'node:crypto';
import { SAMPLE_SKU, usageRow } from './databricks-fixtures';
import { createCustomer, createRoom, registerIdentity, uniqueTag } from './factories';
import type { PricingScenario } from './pricing-scenarios';
import type { TestApp } from './test-app';

export interface ScenarioWorld {
  readonly customerId: string;
  readonly roomIds: Record<string, string>;
  readonly planId: string;
  readonly planVersionId: string;
}

/**
 * A scenario's world through the public API: a customer with rooms a and b, a partner account
 * and a customer account, the plan, the subscription from the period's start, and the usage,
 * each row billed to the account of the party that triggered it.
 */
export async function setUpScenario(
  t: TestApp,
  scenario: PricingScenario,
  options: { shiftYears?: number } = {},
): Promise<ScenarioWorld> {
  // Suites share one database and the close job closes every customer: a suite that closes on
  // its own moves its scenario to years no other suite closes.
  const shift = (iso: string) => {
    const date = new Date(iso);
    date.setUTCFullYear(date.getUTCFullYear() + (options.shiftYears ?? 0));
    return date.toISOString();
  };
  const customer = await createCustomer(t, { currency: scenario.world.currency });
  const roomIds: Record<string, string> = {};
  for (const letter of new Set(scenario.usage.map((row) => row.room))) {
    roomIds[letter] = (
      await createRoom(t, customer.id, { ownerSince: shift('2032-01-01T00:00:00Z') })
    ).id;
  }
  const accounts = { partner: randomUUID(), customer: randomUUID() };
  await registerIdentity(t, { kind: 'account', value: accounts.partner, party: 'partner' });
  await registerIdentity(t, {
    kind: 'account',
    value: accounts.customer,
    party: 'customer',
    customerId: customer.id,
  });
  const plan = await t.http
    .post('/v1/plans')
    .set(t.auth())
    .send({ name: uniqueTag(scenario.plan.model), ...scenario.plan })
    .expect(201);
  const planVersionId = (plan.body as { versions: { id: string }[] }).versions[0].id;
  await t.http
    .put(`/v1/customers/${customer.id}/subscription`)
    .set(t.auth())
    .send({ planVersionId, effectiveFrom: shift(scenario.period.start) })
    .expect(200);
  const records = scenario.usage.map((row) => {
    const start = new Date(shift(row.start));
    const end = new Date(start.getTime() + 3_600_000);
    return usageRow({
      record_id: randomUUID(),
      account_id: accounts[row.trigger],
      sku_name: SAMPLE_SKU,
      usage_start_time: start.toISOString(),
      usage_end_time: end.toISOString(),
      usage_date: start.toISOString().slice(0, 10),
      ingestion_date: start.toISOString().slice(0, 10),
      usage_quantity: row.dbu,
      usage_metadata: { central_clean_room_id: roomIds[row.room] },
    });
  });
  const ingested = await t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);
  if ((ingested.body as { accepted: number }).accepted !== records.length) {
    throw new Error(`Scenario usage not all accepted: ${JSON.stringify(ingested.body)}`);
  }
  return {
    customerId: customer.id,
    roomIds,
    planId: (plan.body as { id: string }).id,
    planVersionId,
  };
}
