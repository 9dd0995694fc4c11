import type { DemoApi } from './demo-api';
import { type DemoCast, type DemoCustomer, demoCast } from './demo-cast';
import { type DemoHistory, generateDemoHistory } from './demo-history';

export interface ImportSummary {
  readonly status: string;
  readonly lines: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly conflicts: number;
  readonly quarantined: number;
  readonly rejected: number;
}

export interface DemoInvoice {
  readonly period: string;
  /** Null when the close made none; `reason` then says why. */
  readonly id: string | null;
  readonly number: string | null;
  readonly status: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly reason?: string;
}

export interface LoadedCustomer {
  readonly id: string;
  readonly cast: DemoCustomer;
  /** Found from an earlier run of the demo rather than created by this one. */
  readonly existed: boolean;
  readonly subscribedFrom: string;
  readonly invoices: readonly DemoInvoice[];
}

export interface DemoResult {
  readonly cast: DemoCast;
  /** Seconds each step took, in order: where a slow run spent its time. */
  readonly seconds: Readonly<Record<string, number>>;
  readonly history: DemoHistory;
  readonly imports: { readonly events: ImportSummary; readonly usage: ImportSummary };
  readonly customers: readonly LoadedCustomer[];
}

interface Page<T> {
  readonly data: T[];
}
interface Created {
  readonly id: string;
}
interface SubscriptionHistory {
  readonly history: { effectiveFrom: string }[];
}
interface CloseAnswer {
  readonly results: {
    readonly period: string;
    readonly invoice: {
      id: string;
      number: string | null;
      status: string;
      total: string;
      currency: string;
    } | null;
    readonly reason?: string;
    readonly error?: string;
  }[];
}

/**
 * The demo itself, over the service's HTTP API: a partner, three customers with their rooms and
 * sharing identifiers, `months` months of generated Databricks history imported as CSV files,
 * each customer subscribed back to the first of those months, and the past months closed.
 * Running it again finds what the first run made (same seed: same names and ids) and creates
 * nothing twice: imports are idempotent, customers are looked up by name, a customer with a
 * subscription keeps it, and closing a closed month returns its invoice.
 */
export async function loadDemo(
  api: DemoApi,
  options: { now: Date; seed: number; months?: number },
): Promise<DemoResult> {
  const seconds: Record<string, number> = {};
  let stepStart = process.hrtime.bigint();
  const step = (name: string) => {
    const now = process.hrtime.bigint();
    seconds[name] = Number(now - stepStart) / 1e9;
    stepStart = now;
  };
  const cast = demoCast(options.seed);
  const history = generateDemoHistory(cast, options.now, options.months);
  step('generate');

  await registerIdentity(api, {
    kind: 'sharing_identifier',
    value: cast.partner.sharingIdentifier,
    party: 'partner',
    description: 'The partner (demo)',
  });
  const registered: { cast: DemoCustomer; id: string; existed: boolean }[] = [];
  for (const customer of cast.customers) registered.push(await registerCustomer(api, customer));
  step('register');

  await api.importCsv('/v1/prices/imports', history.pricesCsv, 'demo-list-prices.csv');
  // Runs first, as Databricks' tables fill: each usage row then finds its run at once.
  const events = await api.importCsv<ImportSummary>(
    '/v1/clean-room-events/imports',
    history.eventsCsv,
    'demo-clean-room-events.csv',
  );
  const usage = await api.importCsv<ImportSummary>(
    '/v1/usage/imports',
    history.usageCsv,
    'demo-billing-usage.csv',
  );
  step('import');

  const customers: LoadedCustomer[] = [];
  for (const { cast: customer, id, existed } of registered) {
    const subscribedFrom = await subscribe(api, id, customer, history.from);
    const invoices: DemoInvoice[] = [];
    for (const period of history.pastMonths) invoices.push(await close(api, id, period));
    customers.push({ id, cast: customer, existed, subscribedFrom, invoices });
  }
  step('subscribe and close');
  return { cast, seconds, history, imports: { events, usage }, customers };
}

async function registerIdentity(api: DemoApi, body: Record<string, string>): Promise<void> {
  // 409: registered by an earlier run, which is what the demo wants.
  await api.json('POST', '/v1/identities', body, [409]);
}

async function registerCustomer(
  api: DemoApi,
  customer: DemoCustomer,
): Promise<{ cast: DemoCustomer; id: string; existed: boolean }> {
  const query = new URLSearchParams({ name: customer.name, limit: '100' });
  const found = (
    await api.get<Page<Created & { name: string }>>(`/v1/customers?${query.toString()}`)
  ).data;
  const existing = found.find((candidate) => candidate.name === customer.name);
  const id =
    existing?.id ??
    (
      await api.send<Created>('POST', '/v1/customers', {
        name: customer.name,
        currency: 'USD',
        billingTimeZone: 'UTC',
      })
    ).id;
  await registerIdentity(api, {
    kind: 'sharing_identifier',
    value: customer.sharingIdentifier,
    party: 'customer',
    customerId: id,
    description: `${customer.name}'s metastore`,
  });
  const owned = existing
    ? (await api.get<Page<Created>>(`/v1/rooms?customerId=${id}&limit=100`)).data
    : [];
  for (const room of customer.rooms) {
    if (!owned.some((known) => known.id === room.id)) {
      await api.send('POST', '/v1/rooms', {
        id: room.id,
        name: room.name,
        customerId: id,
        expectedRunIntervalHours: 48,
      });
    }
  }
  return { cast: customer, id, existed: existing !== undefined };
}

/** Subscribes the customer from `from` unless it already has a plan; returns since when. */
async function subscribe(
  api: DemoApi,
  customerId: string,
  customer: DemoCustomer,
  from: Date,
): Promise<string> {
  const { history } = await api.get<SubscriptionHistory>(
    `/v1/customers/${customerId}/subscription`,
  );
  if (history.length > 0) return history[0].effectiveFrom;
  const plan = await api.send<{ versions: Created[] }>('POST', '/v1/plans', {
    name: `${customer.name}: ${customer.model.replace('_', '-')}`,
    ...customer.plan,
  });
  // Back-dated: the deal is signed today, and bills the history imported since `from`.
  await api.send('PUT', `/v1/customers/${customerId}/subscription`, {
    planVersionId: plan.versions[0].id,
    effectiveFrom: from.toISOString(),
  });
  return from.toISOString();
}

async function close(api: DemoApi, customerId: string, period: string): Promise<DemoInvoice> {
  const { results } = await api.send<CloseAnswer>('POST', '/v1/invoices/close', {
    period,
    customerId,
  });
  const result = results[0];
  const invoice = result?.invoice ?? null;
  return {
    period,
    id: invoice?.id ?? null,
    number: invoice?.number ?? null,
    status: invoice?.status ?? null,
    total: invoice?.total ?? null,
    currency: invoice?.currency ?? null,
    ...(invoice === null ? { reason: result?.reason ?? result?.error ?? 'no result' } : {}),
  };
}
