import { AppConfig, LOG_LEVELS } from './app-config';
import { CronTime } from 'cron';
import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const config: AppConfig = {
    nodeEnv: read.text('NODE_ENV', 'development'),
    host: read.text('HOST', '0.0.0.0'),
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl: read.postgresUrl('DATABASE_URL'),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir: read.text('DATA_DIR', './data'),
    adminApiKey: read.secret('ADMIN_API_KEY', 32),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    jsonBodyLimit: read.byteSize('JSON_BODY_LIMIT', '32mb'),
    invoiceGraceMs: read.duration('INVOICE_GRACE', '3d'),
    invoiceCloseCron: read.cron('INVOICE_CLOSE_CRON', '0 15 * * * *'),
    stripe: {
      secretKey: read.prefixed('STRIPE_SECRET_KEY', ['sk_', 'rk_']),
      webhookSecret: read.prefixed('STRIPE_WEBHOOK_SECRET', ['whsec_']),
      apiUrl: read.httpUrl('STRIPE_API_URL'),
    },
    paymentsWorkerIntervalMs: read.duration('PAYMENTS_WORKER_INTERVAL', '10s'),
    importSweepIntervalMs: read.duration('IMPORT_SWEEP_INTERVAL', '1m'),
    focus: {
      providerName: read.label('FOCUS_PROVIDER_NAME', 'Clean Room Partner'),
      serviceName: read.label('FOCUS_SERVICE_NAME', 'Clean Room Collaboration'),
    },
    fleetSnapshotMaxAgeMs: read.duration('FLEET_SNAPSHOT_MAX_AGE', '1m'),
    fleetMonthMaxAgeMs: read.duration('FLEET_MONTH_MAX_AGE', '5m'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  text(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** A name shown to people: at most 200 characters, no control characters. */
  label(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    // eslint-disable-next-line no-control-regex
    if (value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)) {
      this.problems.push(`${name} must be at most 200 characters, without control characters`);
      return fallback;
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || +value < min || +value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return +value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  postgresUrl(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    let protocol: string;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = 'invalid';
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      this.problems.push(`${name} must be a postgres:// or postgresql:// URL`);
      return null;
    }
    return value;
  }

  secret(name: string, minLength: number): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    if (value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
      return null;
    }
    return value;
  }

  /** `3d`, `72h`, `30m` or `45s`, in milliseconds. */
  duration(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const match = /^(\d{1,6})(d|h|m|s)$/.exec(value);
    if (!match) {
      this.problems.push(`${name} must be a duration such as 3d, 72h, 30m or 45s (got "${value}")`);
      return 0;
    }
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[
      match[2] as 'd' | 'h' | 'm' | 's'
    ];
    return parseInt(match[1], 10) * unit;
  }

  /** A cron expression, or `off` (the job does not run). */
  cron(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === 'off') return value;
    try {
      new CronTime(value);
    } catch {
      this.problems.push(
        `${name} must be a cron expression such as "0 15 * * * *" (got "${value}")`,
      );
    }
    return value;
  }

  /** A secret that must start with one of `prefixes` (a Stripe key of the right kind). */
  prefixed(name: string, prefixes: readonly string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    if (!prefixes.some((prefix) => value.startsWith(prefix))) {
      this.problems.push(`${name} must start with ${prefixes.join(' or ')}`);
      return null;
    }
    return value;
  }

  httpUrl(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return value;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an http:// or https:// URL`);
    return null;
  }

  byteSize(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+(b|kb|mb)$/i.test(value)) {
      this.problems.push(`${name} must be a size such as 512kb or 32mb (got "${value}")`);
      return fallback;
    }
    return value.toLowerCase();
  }
}
