import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('runs with no variables at all: embedded database, port 3000', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 3000,
      databaseUrl: null,
      databasePoolSize: 10,
      dataDir: './data',
      adminApiKey: null,
      logLevel: 'info',
      jsonBodyLimit: '32mb',
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://billing:secret@db:5432/billing',
      DATABASE_POOL_SIZE: '20',
      DATA_DIR: '/var/lib/billing',
      ADMIN_API_KEY: 'k'.repeat(32),
      LOG_LEVEL: 'debug',
      JSON_BODY_LIMIT: '64MB',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://billing:secret@db:5432/billing',
      databasePoolSize: 20,
      dataDir: '/var/lib/billing',
      adminApiKey: 'k'.repeat(32),
      logLevel: 'debug',
      jsonBodyLimit: '64mb',
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' })).toMatchObject({
      databaseUrl: null,
      port: 3000,
    });
  });

  it('lists every problem in one error', () => {
    let thrown: unknown;
    try {
      loadConfig({
        PORT: '70000',
        DATABASE_URL: 'mysql://localhost/x',
        ADMIN_API_KEY: 'short',
        LOG_LEVEL: 'loud',
        DATABASE_POOL_SIZE: 'ten',
        JSON_BODY_LIMIT: 'huge',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const { problems, message } = thrown as ConfigError;
    expect(problems).toEqual([
      'PORT must be an integer from 0 to 65535 (got "70000")',
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
      'DATABASE_POOL_SIZE must be an integer from 1 to 200 (got "ten")',
      'ADMIN_API_KEY must be at least 32 characters long',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'JSON_BODY_LIMIT must be a size such as 512kb or 32mb (got "huge")',
    ]);
    expect(message.split('\n')).toHaveLength(7);
  });

  it('never echoes the database URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url with password hunter2' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
