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
      invoiceGraceMs: 3 * 86_400_000,
      invoiceCloseCron: '0 15 * * * *',
      stripe: { secretKey: null, webhookSecret: null, apiUrl: null },
      paymentsWorkerIntervalMs: 10_000,
      importSweepIntervalMs: 60_000,
      focus: { providerName: 'Clean Room Partner', serviceName: 'Clean Room Collaboration' },
      fleetSnapshotMaxAgeMs: 60_000,
      fleetMonthMaxAgeMs: 300_000,
    });
  });

  it('reads the names the FOCUS export writes, and refuses unprintable ones', () => {
    expect(
      loadConfig({ FOCUS_PROVIDER_NAME: ' Acme Data ', FOCUS_SERVICE_NAME: 'Acme Overlap' }).focus,
    ).toEqual({ providerName: 'Acme Data', serviceName: 'Acme Overlap' });
    expect(() =>
      loadConfig({ FOCUS_PROVIDER_NAME: 'a\u0007b', FOCUS_SERVICE_NAME: 'x'.repeat(201) }),
    ).toThrow(/FOCUS_PROVIDER_NAME[\s\S]*FOCUS_SERVICE_NAME/);
  });

  it('lets the close job be turned off', () => {
    expect(loadConfig({ INVOICE_CLOSE_CRON: 'off' }).invoiceCloseCron).toBe('off');
  });

  it('reads the invoicing and Stripe settings and names each bad one', () => {
    expect(
      loadConfig({
        INVOICE_GRACE: '36h',
        INVOICE_CLOSE_CRON: '0 0 2 * * *',
        STRIPE_SECRET_KEY: 'sk_test_123',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
        STRIPE_API_URL: 'http://127.0.0.1:12111',
      }),
    ).toMatchObject({
      invoiceGraceMs: 36 * 3_600_000,
      invoiceCloseCron: '0 0 2 * * *',
      stripe: {
        secretKey: 'sk_test_123',
        webhookSecret: 'whsec_abc',
        apiUrl: 'http://127.0.0.1:12111',
      },
    });
    expect(() =>
      loadConfig({
        INVOICE_GRACE: '3 days',
        INVOICE_CLOSE_CRON: 'every hour',
        STRIPE_SECRET_KEY: 'pk_live_1',
        STRIPE_API_URL: 'ftp://x',
      }),
    ).toThrow(
      /INVOICE_GRACE[\s\S]*INVOICE_CLOSE_CRON[\s\S]*STRIPE_SECRET_KEY[\s\S]*STRIPE_API_URL/,
    );
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
