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
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('APP_CONFIG');
