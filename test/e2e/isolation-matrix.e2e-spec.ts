import { randomUUID } from 'node:crypto';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { ControllableClock } from '../../src/shared/time/clock';
import { startTestApp, TestApp } from '../support/test-app';
import { buildTenantWorld, Tenant, TenantWorld } from '../support/tenant-world';

type Scope = 'admin' | 'ingest' | 'finance' | 'partner' | 'customer';
const SCOPES: readonly Scope[] = ['admin', 'ingest', 'finance', 'partner', 'customer'];

/**
 * Who may call each operation, restated here on purpose: the test holds the code to this table.
 * `customer` says how a customer key is confined: `own` (another customer's id answers 404) or
 * `list` (the answer holds the caller's rows only). Admin passes everywhere.
 */
interface RouteRule {
  readonly scopes: readonly Exclude<Scope, 'admin'>[] | 'public';
  readonly customer?: 'own' | 'list';
}

const READERS = ['finance', 'partner', 'customer'] as const;
const RULES: Record<string, RouteRule> = {
  ApiKeys_create: { scopes: [] },
  ApiKeys_list: { scopes: [] },
  ApiKeys_revoke: { scopes: [] },
  Customers_create: { scopes: [] },
  Customers_list: { scopes: READERS, customer: 'list' },
  Customers_get: { scopes: READERS, customer: 'own' },
  Customers_update: { scopes: [] },
  Customers_delete: { scopes: [] },
  PartyIdentities_create: { scopes: [] },
  PartyIdentities_list: { scopes: ['finance', 'partner'] },
  PartyIdentities_get: { scopes: ['finance', 'partner'] },
  PartyIdentities_remove: { scopes: [] },
  Rooms_create: { scopes: [] },
  Rooms_list: { scopes: READERS, customer: 'list' },
  Rooms_get: { scopes: READERS, customer: 'own' },
  Rooms_update: { scopes: [] },
  Rooms_owners: { scopes: READERS, customer: 'own' },
  Rooms_transfer: { scopes: [] },
  Rooms_ownerAt: { scopes: READERS, customer: 'own' },
  Usage_ingest: { scopes: ['ingest'] },
  UsageImports_create: { scopes: ['ingest'] },
  UsageImports_list: { scopes: ['ingest', 'finance'] },
  UsageImports_get: { scopes: ['ingest', 'finance'] },
  Quarantine_list: { scopes: ['ingest', 'finance', 'partner'] },
  Conflicts_list: { scopes: ['ingest', 'finance'] },
  Prices_ingest: { scopes: ['ingest'] },
  Prices_list: { scopes: ['ingest', 'finance', 'partner'] },
  Prices_import: { scopes: ['ingest'] },
  Prices_getImport: { scopes: ['ingest', 'finance'] },
  PartnerDiscounts_create: { scopes: [] },
  PartnerDiscounts_list: { scopes: ['finance', 'partner'] },
  CleanRoomEvents_ingest: { scopes: ['ingest'] },
  CleanRoomEvents_import: { scopes: ['ingest'] },
  CleanRoomEvents_getImport: { scopes: ['ingest', 'finance'] },
  Runs_list: { scopes: ['finance', 'partner'] },
  UsageRollups_daily: { scopes: ['finance', 'partner'] },
  Plans_create: { scopes: ['partner'] },
  Plans_list: { scopes: ['partner', 'finance'] },
  Plans_get: { scopes: ['partner', 'finance'] },
  Plans_addVersion: { scopes: ['partner'] },
  Subscriptions_put: { scopes: ['partner'] },
  Subscriptions_get: { scopes: ['partner', 'finance', 'customer'], customer: 'own' },
  UpcomingInvoice_get: { scopes: ['partner', 'finance', 'customer'], customer: 'own' },
  InvoicePreview_get: { scopes: ['partner', 'finance'] },
  Budgets_customer: { scopes: READERS, customer: 'own' },
  Budgets_room: { scopes: READERS, customer: 'own' },
  Quotes_quote: { scopes: ['partner', 'finance'] },
  Invoices_close: { scopes: ['finance'] },
  Invoices_list: { scopes: READERS, customer: 'list' },
  Invoices_get: { scopes: READERS, customer: 'own' },
  Invoices_recompute: { scopes: ['finance'] },
  Invoices_finalize: { scopes: ['finance'] },
  Invoices_credit: { scopes: ['finance'] },
  Invoices_creditNotes: { scopes: READERS, customer: 'own' },
  Invoices_breakdown: { scopes: READERS, customer: 'own' },
  CostReport_costs: { scopes: READERS, customer: 'own' },
  FocusExport_export: { scopes: READERS, customer: 'own' },
  FleetRooms_list: { scopes: READERS, customer: 'list' },
  NotebookReleases_create: { scopes: ['partner'] },
  NotebookReleases_list: { scopes: ['partner', 'finance'] },
  NotebookReleases_get: { scopes: ['partner', 'finance'] },
  StripeWebhooks_receive: { scopes: 'public' },
  Health_ready: { scopes: 'public' },
  Health_live: { scopes: 'public' },
};

/** Field names that are the partner's business wherever they appear. */
const PARTNER_ONLY_NAMES = [
  'partnerCost',
  'margin',
  'marginPercent',
  'partnerDiscount',
  'discount',
];
/** Figures of a cap measured in partner cost. */
const COST_CAP_FIGURES = ['cap', 'used', 'remaining', 'percent', 'excess'];

interface Operation {
  readonly id: string;
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  /** What the contract tells a reader about keys: `x-scopes`, `security`, the description. */
  readonly contract: { scopes?: string[]; security?: unknown[]; description?: string };
}

/**
 * Every operation of the live route table (the document openapi.yaml is generated from) × every
 * scope, with another customer's ids: 403 for a scope the route does not allow, 404 or only the
 * caller's rows for a customer key, and no partner-only figure in anything a customer key reads.
 */
describe('isolation matrix', () => {
  let t: TestApp;
  let world: TenantWorld;
  let operations: Operation[];
  const clock = new ControllableClock(new Date('2042-03-01T00:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    world = await buildTenantWorld(t, clock, 2042);
    const document = buildOpenApiDocument(t.app);
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((method) => item[method] !== undefined)
        .map((method) => {
          const operation = item[method];
          return {
            id: operation?.operationId ?? '',
            method,
            path,
            contract: {
              scopes: (operation as { 'x-scopes'?: string[] } | undefined)?.['x-scopes'],
              security: operation?.security,
              description: operation?.description,
            },
          };
        }),
    );
  });
  afterAll(() => t.close());

  const keyOf = (scope: Scope) =>
    scope === 'admin' ? undefined : scope === 'customer' ? world.a.key : world.keys[scope];

  /** The operation's path and query for a tenant's ids (random ids stand for anything else). */
  const target = (operation: Operation, tenant: Tenant | null) => {
    const missing = randomUUID();
    const resource = operation.path.split('/')[2];
    const id =
      tenant === null
        ? missing
        : resource === 'customers'
          ? tenant.customerId
          : resource === 'rooms'
            ? tenant.roomId
            : resource === 'invoices'
              ? tenant.invoiceId
              : missing;
    const path = operation.path
      .replace('{id}', id)
      .replace('{lineId}', tenant?.usageLineId ?? missing);
    const query: Record<string, string> = {};
    if (operation.id === 'Rooms_ownerAt') query.at = `${world.year}-03-10T00:00:00Z`;
    if (operation.id === 'InvoicePreview_get') query.period = `${world.year}-03`;
    if (tenant && operation.path === '/v1/rooms' && operation.method === 'get')
      query.customerId = tenant.customerId;
    if (tenant && operation.path === '/v1/invoices' && operation.method === 'get')
      query.customerId = tenant.customerId;
    if (operation.id === 'CostReport_costs') {
      Object.assign(query, { from: `${world.year}-03-01`, to: `${world.year}-04-01` });
      query.groupBy = 'room,run';
    }
    if (operation.id === 'FocusExport_export') query.period = world.period;
    // Reports and the fleet name a customer: without one they would read every customer of the
    // shared database.
    if (operation.path.startsWith('/v1/reports/') || operation.path === '/v1/fleet/rooms')
      query.customerId = tenant?.customerId ?? missing;
    return { path, query };
  };

  const call = (operation: Operation, scope: Scope | null, tenant: Tenant | null) => {
    const { path, query } = target(operation, tenant);
    const request = t.http[operation.method](path).query(query);
    if (scope !== null) request.set(t.auth(keyOf(scope)));
    return operation.method === 'get' || operation.method === 'delete' ? request : request.send({});
  };

  it('classifies every operation of the route table, and only those', () => {
    const ids = operations.map((operation) => operation.id);
    expect(ids.filter((id) => !(id in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('tells a reader of the contract who may call each operation, as this table says', () => {
    const misdocumented: string[] = [];
    for (const { id, contract } of operations) {
      const rule = RULES[id];
      if (!rule) continue;
      if (rule.scopes === 'public') {
        if (!Array.isArray(contract.security) || contract.security.length > 0)
          misdocumented.push(`${id}: public but not security: []`);
        continue;
      }
      const documented = [...(contract.scopes ?? [])].sort();
      if (JSON.stringify(documented) !== JSON.stringify(['admin', ...rule.scopes].sort()))
        misdocumented.push(`${id}: x-scopes ${JSON.stringify(contract.scopes)}`);
      const says = rule.scopes.includes('customer')
        ? 'A customer key sees only its own customer'
        : 'A customer key gets 403';
      if (!contract.description?.includes(says))
        misdocumented.push(`${id}: does not say "${says}"`);
    }
    expect(misdocumented).toEqual([]);
  });

  it('answers every operation × scope as the table says, with another customer’s ids', async () => {
    const mismatches: string[] = [];
    for (const operation of operations) {
      const rule = RULES[operation.id];
      if (!rule) continue;
      const unauthenticated = await call(operation, null, world.b);
      if (rule.scopes === 'public') {
        // 503 is a deliberate answer: the Stripe integration is disabled in tests.
        if ([401, 403, 500].includes(unauthenticated.status))
          mismatches.push(`${operation.id} public: ${unauthenticated.status}`);
        continue;
      }
      if (unauthenticated.status !== 401)
        mismatches.push(`${operation.id} without a key: ${unauthenticated.status}`);
      for (const scope of SCOPES) {
        const allowed = scope === 'admin' || rule.scopes.includes(scope);
        // Other scopes see every customer: they get ids that name nothing, so no write lands.
        const response = await call(operation, scope, scope === 'customer' ? world.b : null);
        const seen = `${operation.id} as ${scope}: ${response.status}`;
        if (!allowed) {
          if (response.status !== 403) mismatches.push(`${seen}, expected 403`);
        } else if (scope !== 'customer') {
          if ([401, 403, 500].includes(response.status))
            mismatches.push(`${seen}, expected to pass the guard`);
        } else if (rule.customer === 'own') {
          if (response.status !== 404) mismatches.push(`${seen}, expected 404`);
        } else if (rule.customer === 'list') {
          const rows = (response.body as { data?: { customerId?: string; id: string }[] }).data;
          const foreign = (rows ?? []).filter(
            (row) => (row.customerId ?? row.id) !== world.a.customerId,
          );
          if (response.status !== 200 || rows === undefined || foreign.length > 0)
            mismatches.push(`${seen}, holds ${JSON.stringify(foreign)}`);
        } else {
          mismatches.push(`${operation.id} lets customer keys in but says nothing of how`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('shows a customer key its own data without a partner-only figure or another customer', async () => {
    const foreign = [
      world.b.customerId,
      world.b.roomId,
      world.b.runId,
      world.b.initiator,
      world.b.invoiceId,
      world.a.draftInvoiceId,
    ];
    const problems: string[] = [];
    const customerRoutes = operations.filter((operation) => RULES[operation.id]?.customer);
    expect(customerRoutes.length).toBeGreaterThanOrEqual(14);
    for (const operation of customerRoutes) {
      const response = await call(operation, 'customer', world.a);
      if (response.status !== 200) {
        problems.push(`${operation.id}: ${response.status} ${JSON.stringify(response.body)}`);
        continue;
      }
      // CSV answers (the FOCUS export) have no JSON body: their text is read as well.
      const text = JSON.stringify(response.body) + response.text;
      for (const id of foreign) if (text.includes(id)) problems.push(`${operation.id} shows ${id}`);
      for (const finding of partnerFigures(response.body, '$'))
        problems.push(`${operation.id}: ${finding}`);
    }
    expect(problems).toEqual([]);
  });

  it('finds partner figures where the partner reads the same routes (the scan is not blind)', async () => {
    const breakdown = operations.find((operation) => operation.id === 'Invoices_breakdown');
    const invoice = operations.find((operation) => operation.id === 'Invoices_get');
    if (!breakdown || !invoice) throw new Error('breakdown or invoice route missing');
    for (const operation of [breakdown, invoice]) {
      const response = await call(operation, 'partner', world.a).expect(200);
      expect(partnerFigures(response.body, '$').length).toBeGreaterThan(0);
    }
  });
});

/** Every partner-only figure in `value`, by its JSON path. */
function partnerFigures(value: unknown, path: string): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => partnerFigures(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const found: string[] = [];
  for (const name of PARTNER_ONLY_NAMES) if (name in object) found.push(`${path}.${name}`);
  if (object.kind === 'absorbed_compute' && 'cost' in object) found.push(`${path}.cost`);
  if (object.measure === 'cost')
    for (const name of COST_CAP_FIGURES) if (name in object) found.push(`${path}.${name}`);
  for (const [key, nested] of Object.entries(object))
    found.push(...partnerFigures(nested, `${path}.${key}`));
  return found;
}
