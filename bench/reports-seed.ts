import type { Client } from 'pg';
import { api, seconds, ServiceProcess } from './bench-support';
import { BenchPlan, PARTNER_DISCOUNT, ReportsWorld, SKUS } from './reports-world';

/** The price book entries the generated usage was costed with, through the API (it hashes them). */
export async function registerPriceBook(
  service: ServiceProcess,
  key: string,
  world: ReportsWorld,
): Promise<void> {
  const since = new Date(world.start.getTime() - 62 * 86_400_000).toISOString();
  await api(service, key, 'POST', '/v1/prices', {
    prices: Object.values(SKUS).map((sku) => ({
      price_start_time: since,
      sku_name: sku.name,
      cloud: 'AWS',
      currency_code: 'USD',
      'pricing.default': sku.price,
    })),
  });
  await api(service, key, 'POST', '/v1/partner-discounts', {
    rate: PARTNER_DISCOUNT,
    effectiveFrom: since,
  });
}

/**
 * Three plans through the API: hybrid, pass-through, and a custom one with every basis a report
 * allocates differently (a fee per room, per partner DBU with included units, per customer DBU,
 * per partner run); every customer subscribed before the first month.
 */
export async function subscribeCustomers(
  service: ServiceProcess,
  key: string,
  client: Client,
  world: ReportsWorld,
): Promise<void> {
  const hybrid = await api(service, key, 'POST', '/v1/plans', {
    name: 'Bench hybrid',
    model: 'hybrid',
    currency: 'USD',
    subscriptionFee: '2000',
    addOnUnitPrice: '0.55',
  });
  const passThrough = await api(service, key, 'POST', '/v1/plans', {
    name: 'Bench pass-through',
    model: 'pass_through',
    currency: 'USD',
    subscriptionFee: '1500',
    listCostRate: '1.2',
  });
  const charge = (key: string, basis: string, pricing: Record<string, string>) => ({
    key,
    description: `${key} (${basis})`,
    basis,
    pricing,
  });
  const custom = await api(service, key, 'POST', '/v1/plans', {
    name: 'Bench custom',
    model: 'custom',
    currency: 'USD',
    charges: [
      charge('subscription', 'subscription', { model: 'flat', amount: '1000' }),
      charge('room_fee', 'room', { model: 'per_unit', unitPrice: '150' }),
      charge('managed_runs', 'partner_dbu', {
        model: 'per_unit',
        unitPrice: '0.50',
        included: '500',
      }),
      charge('ip_royalty', 'customer_dbu', { model: 'per_unit', unitPrice: '0.10' }),
      charge('run_fee', 'partner_run', { model: 'per_unit', unitPrice: '0.25' }),
    ],
  });
  const version = (plan: Record<string, unknown>) => (plan.versions as { id: string }[])[0].id;
  const versions: Record<BenchPlan, string> = {
    hybrid: version(hybrid),
    pass_through: version(passThrough),
    custom: version(custom),
  };
  await client.query(
    `INSERT INTO subscriptions (customer_id, plan_version_id, effective_from)
     SELECT * FROM unnest($1::uuid[], $2::uuid[]) CROSS JOIN (SELECT $3::timestamptz) f`,
    [
      world.customers.map((c) => c.id),
      world.customers.map((c) => versions[c.plan]),
      new Date(world.start.getTime() - 31 * 86_400_000),
    ],
  );
}

/**
 * Invoices of the invoiced customers for every month but the last, closed over HTTP month by
 * month (each close also rates the customer's earlier invoiced months again, for corrections),
 * two customers at a time. Every one must come out finalized.
 */
export async function issueInvoices(
  service: ServiceProcess,
  key: string,
  world: ReportsWorld,
): Promise<{ invoices: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const customers = world.customers.filter((c) => c.invoiced);
  let invoices = 0;
  for (const period of world.months.slice(0, -1)) {
    let next = 0;
    const worker = async () => {
      while (next < customers.length) {
        const customer = customers[next++];
        const closed = await api(service, key, 'POST', '/v1/invoices/close', {
          period,
          customerId: customer.id,
        });
        const [outcome] = closed.results as {
          invoice: { status: string } | null;
          reason?: string;
        }[];
        if (outcome?.invoice?.status !== 'finalized')
          throw new Error(`${customer.id} ${period}: ${JSON.stringify(outcome)}`);
        invoices += 1;
      }
    };
    await Promise.all([worker(), worker()]);
  }
  return { invoices, seconds: seconds(started) };
}
