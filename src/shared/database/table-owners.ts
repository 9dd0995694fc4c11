/**
 * Issue 14, part 1: each table has one owning module. Only the owner's SQL names the table;
 * every other module reaches its data through a query service the owner exports.
 * table-owners.spec.ts checks this against every module's SQL and against the migrations
 * (every table and view they create has exactly one entry here).
 *
 * Owners are `src/modules/<name>` directories, or `shared/<name>` for shared infrastructure.
 * The owner is the module that writes the table. Ambiguous ones:
 * - clean_rooms: registry creates rooms; usage stamps `notebook_etag` from clean-room events.
 *   Registry owns the room; usage's stamp is a violation until registry exports a recorder.
 * - customers: registry writes it; payments stores `stripe_customer_id` on it (to become a
 *   registry Stripe-link recorder).
 * - invoices, credit_notes: invoicing issues them; payments records `payment_sync` on them
 *   (to become an invoicing payment-sync recorder).
 * - payment_outbox: invoicing enqueues in the issuing transaction, payments leases, retries and
 *   completes the entries. Payments owns the queue; invoicing's enqueue is a violation.
 * - list_prices, partner_discounts: the price book, reference data beside the registry, not
 *   usage's. Usage's ingestion writes list prices through pricebook's ListPriceRecorder and its
 *   attribution joins both through pricebook's published relations (price-book.relations.ts);
 *   pricing rates plans, not list prices.
 * - usage_daily is a view over usage_hourly and belongs with it.
 */
export const TABLE_OWNERS = {
  // registry
  customers: 'registry',
  party_identities: 'registry',
  clean_rooms: 'registry',
  room_ownerships: 'registry',
  // usage
  usage_record_keys: 'usage',
  usage_records: 'usage',
  usage_hourly: 'usage',
  usage_daily: 'usage',
  clean_room_events: 'usage',
  clean_room_runs: 'usage',
  ingest_imports: 'usage',
  ingest_conflicts: 'usage',
  pending_run_reattributions: 'usage',
  // pricebook
  list_prices: 'pricebook',
  partner_discounts: 'pricebook',
  // pricing
  plans: 'pricing',
  plan_versions: 'pricing',
  subscriptions: 'pricing',
  // invoicing
  document_number_series: 'invoicing',
  invoices: 'invoicing',
  invoice_lines: 'invoicing',
  credit_notes: 'invoicing',
  // payments
  payment_outbox: 'payments',
  stripe_events: 'payments',
  // shared infrastructure
  api_keys: 'shared/auth',
} as const satisfies Record<string, string>;

export type OwnedTable = keyof typeof TABLE_OWNERS;
export type TableOwner = (typeof TABLE_OWNERS)[OwnedTable];
