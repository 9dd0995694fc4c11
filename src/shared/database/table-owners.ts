/**
 * Each table has one owning module. Only the owner's SQL names the table; every other module
 * reaches its data through a query service or recorder the owner exports, or, in set-based SQL,
 * through a relation the owner publishes (registry.relations.ts, price-book.relations.ts).
 * table-owners.spec.ts checks this against every module's SQL and against the migrations
 * (every table and view they create has exactly one entry here).
 *
 * Owners are `src/modules/<name>` directories, or `shared/<name>` for shared infrastructure.
 * The owner is the module that writes the table. Ambiguous ones:
 * - clean_rooms: registry creates rooms; what clean-room runs say of a room (its notebook etag,
 *   its last run) usage computes and records through registry's RoomActivityRecorder.
 * - customers: registry writes it; payments records the Stripe customer through registry's
 *   StripeCustomerLinks.
 * - invoices, credit_notes: invoicing issues them; payments records the push's `payment_sync`
 *   and Stripe ids, and webhook statuses, through invoicing's PaymentSyncRecorder and
 *   ProviderStatusRecorder, and reads what it pushes through PaymentDocumentsReader.
 * - payment_outbox: invoicing. A transactional outbox belongs to its producer: invoicing writes
 *   the entry in the transaction that issues the document. Every other statement on it is
 *   defined by the documents' payment sync too: the lease takes only entries whose document is
 *   `pending` (not those issued while payments were disabled), settling an entry sets its
 *   document's sync in the same transaction, the backlog gauge counts by it. Split across two
 *   owners, the one-statement lease (`FOR UPDATE ... SKIP LOCKED` over the join) would have to
 *   lock and re-read every never-to-be-pushed entry on each pass, or copy the sync state into
 *   the outbox. So payments drives the queue (batch, lease length, backoff, give-up) through
 *   invoicing's PaymentQueue and owns only stripe_events.
 * - list_prices, partner_discounts: the price book, reference data beside the registry, not
 *   usage's. Usage's ingestion writes list prices through pricebook's ListPriceRecorder and its
 *   attribution joins both through pricebook's published relations (price-book.relations.ts);
 *   pricing rates plans, not list prices.
 * - usage_daily is a view over usage_hourly and belongs with it.
 * - notebook_releases: the fleet module's (issue 15), which reads rooms, runs and bills through
 *   the registry's, usage's, pricing's and invoicing's query services.
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
  payment_outbox: 'invoicing',
  // payments
  stripe_events: 'payments',
  // fleet
  notebook_releases: 'fleet',
  // shared infrastructure
  api_keys: 'shared/auth',
} as const satisfies Record<string, string>;

export type OwnedTable = keyof typeof TABLE_OWNERS;
export type TableOwner = (typeof TABLE_OWNERS)[OwnedTable];
