import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../app.factory';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { errorMessage } from '../shared/errors/error-message';
import { startEmbeddedDatabase } from '../shared/database/embedded-database';
import { SystemClock } from '../shared/time/clock';
import { DemoApi } from './demo-api';
import { loadDemo } from './demo-loader';
import { demoReport } from './demo-report';

const USAGE = `usage: npm run demo [-- --serve] [-- --seed N]
  Loads a demo partner, three customers and their Databricks history, invoiced.
  Without BILLING_API_URL: boots the service in this process on the embedded database (DATA_DIR)
  or DATABASE_URL, loads the demo and stops (--serve: keeps serving on PORT).
  With BILLING_API_URL (and BILLING_API_KEY, an admin key): loads it into that running service.`;

interface Options {
  readonly serve: boolean;
  readonly seed: number;
}

function parseArgs(argv: readonly string[]): Options {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number.parseInt(argv[seedAt + 1] ?? '', 10) : 1;
  const known = new Set(['--serve', '--seed', ...(seedAt >= 0 ? [argv[seedAt + 1]] : [])]);
  if (!Number.isInteger(seed) || argv.some((arg) => !known.has(arg))) throw new Error(USAGE);
  return { serve: argv.includes('--serve'), seed };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const remote = process.env.BILLING_API_URL?.trim();
  if (remote) await intoRunningService(remote.replace(/\/+$/, ''), options);
  else await inProcess(options);
}

/** Into a service someone started (the README's walkthrough does this). */
async function intoRunningService(baseUrl: string, options: Options): Promise<void> {
  const key = process.env.BILLING_API_KEY?.trim();
  if (!key)
    throw new Error('Set BILLING_API_KEY to an admin key of the service at BILLING_API_URL');
  const started = process.hrtime.bigint();
  const result = await loadDemo(new DemoApi(baseUrl, key), { now: new Date(), seed: options.seed });
  print(
    demoReport(result, {
      baseUrl,
      seconds: secondsSince(started),
      keyLine: 'API key: the BILLING_API_KEY you gave (KEY below).',
      next: 'Try:',
    }),
  );
}

/**
 * Boots the service here, on the same configuration `npm start` reads, loads the demo over
 * HTTP on a loopback port, and stops, releasing the embedded database (one process at a time
 * may open it) for `npm start`. With --serve it keeps serving instead, on PORT.
 */
async function inProcess(options: Options): Promise<void> {
  const started = process.hrtime.bigint();
  const ownKey = process.env.ADMIN_API_KEY?.trim() || null;
  // Good for this process only (accepted as is, never stored) when no ADMIN_API_KEY is set.
  const sessionKey = ownKey ?? `demo-session-${randomBytes(24).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    ADMIN_API_KEY: sessionKey,
    // Requests answered 404 or 409 on purpose (is it there yet?) are logged as warnings.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    // Demo invoices are never pushed to a Stripe account the environment may name.
    STRIPE_SECRET_KEY: '',
    STRIPE_WEBHOOK_SECRET: '',
    // Nothing runs behind the demo's back while it loads; --serve runs as `npm start` would.
    ...(options.serve
      ? {}
      : { INVOICE_CLOSE_CRON: 'off', PAYMENTS_WORKER_INTERVAL: '0s', IMPORT_SWEEP_INTERVAL: '0s' }),
  });
  if (config.databaseUrl === null) refuseDataDirInUse(config.dataDir, config.port);
  const embedded = config.databaseUrl === null ? await startEmbeddedDatabase(config.dataDir) : null;
  let app: INestApplication | null = null;
  try {
    app = await createApp({
      config,
      database: {
        url: embedded?.url ?? config.databaseUrl ?? '',
        embedded: embedded !== null,
        poolSize: config.databasePoolSize,
      },
      clock: new SystemClock(),
    });
    if (options.serve) await app.listen(config.port, config.host);
    else await app.listen(0, '127.0.0.1');
    const address = (app.getHttpServer() as Server).address() as AddressInfo;
    const api = new DemoApi(`http://127.0.0.1:${address.port}`, sessionKey);
    const startSeconds = { 'start service': secondsSince(started) };
    const result = await loadDemo(api, { now: new Date(), seed: options.seed });
    const keyLine = ownKey
      ? 'API key: the ADMIN_API_KEY you set.'
      : `API key (admin, stored; a new one each run, earlier ones stay valid):\n  export KEY=${await storedAdminKey(api)}`;
    const where = embedded ? `the embedded database in ${embedded.dataDir}` : 'DATABASE_URL';
    print(
      demoReport(result, {
        baseUrl: `http://localhost:${config.port}`,
        seconds: secondsSince(started),
        startSeconds,
        keyLine,
        next: options.serve
          ? `Serving on http://localhost:${config.port} (Ctrl-C stops). Try:`
          : `The demo is in ${where} and has stopped. Start the service with \`npm start\`, then try:`,
      }),
    );
    if (options.serve) {
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
  } finally {
    await app?.close();
    await embedded?.close();
  }
}

/**
 * PGlite takes no lock on its folder, and two processes writing one cluster corrupt it: while a
 * service has it open, PGlite's postmaster.pid is there (it goes at a clean stop).
 */
function refuseDataDirInUse(dataDir: string, port: number): void {
  // The cluster's folder, as startEmbeddedDatabase places it.
  const pidFile = join(resolve(dataDir, 'pglite'), 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  throw new Error(
    `${pidFile} says another process (npm start?) has the embedded database open. Stop it first, ` +
      `or load the demo into it: BILLING_API_URL=http://localhost:${port} BILLING_API_KEY=<admin key> ` +
      'npm run demo. (If nothing has it open, a crash left the file: delete it.)',
  );
}

/** An admin key kept in the database, for `npm start` after the demo (its secret shown once). */
async function storedAdminKey(api: DemoApi): Promise<string> {
  const created = await api.send<{ secret: string }>('POST', '/v1/api-keys', {
    name: `demo admin (npm run demo, ${new Date().toISOString().slice(0, 16)}Z)`,
    scopes: ['admin'],
  });
  return created.secret;
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof ConfigError ? error.message : errorMessage(error);
    process.stderr.write(`npm run demo failed: ${message}\n`);
    process.exit(1);
  },
);
