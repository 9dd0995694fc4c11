import { randomUUID } from 'node:crypto';
import { api, ServiceProcess } from './bench-support';
import type { RunWorld } from './event-generator';
import type { GeneratorWorld } from './usage-generator';

export type IngestWorld = GeneratorWorld & RunWorld;

/**
 * 20 customers with 10 rooms each, the SKU's list price, and the sharing identifiers of the
 * partner and of each customer. The billed account is registered to nobody: as when Databricks
 * bills the collaborator's own account, each row's trigger comes from the run covering its hour,
 * the costliest path of attribution.
 */
export async function registerWorld(
  service: ServiceProcess,
  key: string,
  start: Date,
): Promise<IngestWorld> {
  const sku = 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA';
  const partnerInitiator = `aws:us-east-1:${randomUUID()}`;
  await api(service, key, 'POST', '/v1/identities', {
    kind: 'sharing_identifier',
    value: partnerInitiator,
    party: 'partner',
  });
  await api(service, key, 'POST', '/v1/prices', {
    prices: [
      {
        price_start_time: '2025-01-01T00:00:00Z',
        sku_name: sku,
        cloud: 'AWS',
        currency_code: 'USD',
        'pricing.default': '0.35',
      },
    ],
  });
  const rooms: string[] = [];
  const ownerInitiators: string[] = [];
  for (let c = 0; c < 20; c++) {
    const customer = await api(service, key, 'POST', '/v1/customers', {
      name: `Bench customer ${c}`,
      currency: 'USD',
    });
    const initiator = `aws:us-east-1:${randomUUID()}`;
    await api(service, key, 'POST', '/v1/identities', {
      kind: 'sharing_identifier',
      value: initiator,
      party: 'customer',
      customerId: customer.id,
    });
    for (let r = 0; r < 10; r++) {
      const id = randomUUID();
      await api(service, key, 'POST', '/v1/rooms', {
        id,
        name: `bench-${c}-${r}`,
        customerId: customer.id,
      });
      rooms.push(id);
      ownerInitiators.push(initiator);
    }
  }
  return { rooms, account: randomUUID(), sku, start, partnerInitiator, ownerInitiators };
}

/** The same world, its data starting `hours` later. */
export function hoursLater(world: IngestWorld, hours: number): IngestWorld {
  return { ...world, start: new Date(world.start.getTime() + hours * 3_600_000) };
}
