/** The service's configuration, validated once at boot and frozen. */
export interface AppConfig {
  readonly nodeEnv: string;
  readonly host: string;
  readonly port: number;
  /** Null means: run on the embedded PGlite under `dataDir`. */
  readonly databaseUrl: string | null;
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly adminApiKey: string | null;
  readonly logLevel: LogLevel;
  readonly jsonBodyLimit: string;
  /** How long after a period's end late usage is awaited before its invoice is finalized. */
  readonly invoiceGraceMs: number;
  /** When the close job runs (cron syntax, server time), or `off`. */
  readonly invoiceCloseCron: string;
  readonly stripe: StripeConfig;
  /** How often the payment outbox is polled; 0 turns the worker off (tests drive it by hand). */
  readonly paymentsWorkerIntervalMs: number;
  /** How often imports whose process died are looked for; 0 turns the sweep off. */
  readonly importSweepIntervalMs: number;
  readonly focus: FocusConfig;
  /** How long the fleet view's snapshot of every room is served before it is read again. */
  readonly fleetSnapshotMaxAgeMs: number;
  /** How long a customer's month to date (usage, bill, cap use) is reused; 0: never. */
  readonly fleetMonthMaxAgeMs: number;
}

/** Names the FOCUS export writes (docs/focus.md, "Who is who in FOCUS terms"). */
export interface FocusConfig {
  /** The partner: ProviderName and InvoiceIssuerName, and PublisherName of its own offering. */
  readonly providerName: string;
  /** ServiceName of the partner's offering (rows of compute re-billed say `Databricks Clean Rooms`). */
  readonly serviceName: string;
}

export interface StripeConfig {
  /** Null: payments are disabled (invoices are still numbered and kept; nothing is pushed). */
  readonly secretKey: string | null;
  readonly webhookSecret: string | null;
  /** Another Stripe API endpoint than api.stripe.com (a local stand-in in tests). */
  readonly apiUrl: string | null;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('APP_CONFIG');
