import { AppConfig, LOG_LEVELS } from './app-config';
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
