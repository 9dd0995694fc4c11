import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/shared/database/data-source-options';
import { migrate } from '../src/shared/database/migrate';

export const ROOT = join(__dirname, '..', '..');

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `node` arguments of `npm start` (heap limit included), so the service runs here as it runs there. */
function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node`);
  const extra = process.env.BENCH_SERVICE_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []; // e.g. --cpu-prof
  return [...extra, ...args.map((arg) => (arg.endsWith('.js') ? join(ROOT, arg) : arg))];
}

/** The service as its own process, so its memory is measured apart from the benchmark's. */
export class ServiceProcess {
  private peakRssKb = 0;
  private sampler: NodeJS.Timeout | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(env: Record<string, string>, port: number): Promise<ServiceProcess> {
    const child = spawn(process.execPath, startArguments(), {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`);
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`${service.baseUrl}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return service;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill();
    throw new Error('the service did not start');
  }

  /** Peak resident memory as the kernel counts it (VmHWM), in MB. */
  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    this.peakRssKb = Math.max(this.peakRssKb, hwm ? Number(hwm[1]) : 0);
    return Math.round(this.peakRssKb / 1024);
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.child.kill('SIGTERM');
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

export async function api(
  service: ServiceProcess,
  key: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${service.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

/**
 * A new database on `serverUrl`, migrated, for one benchmark run; `work` gets its URL, and the
 * database is dropped afterwards whatever happens (kept for inspection when BENCH_KEEP_DATABASE is set).
 */
export async function withScratchDatabase<T>(
  serverUrl: string,
  prefix: string,
  work: (url: string, name: string) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${Date.now()}`;
  const url = databaseUrl(serverUrl, name);
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const ds = await new DataSource(
      buildDataSourceOptions({ url, embedded: false, poolSize: 2 }),
    ).initialize();
    await migrate(ds, true);
    await ds.destroy();
    return await work(url, name);
  } finally {
    if (process.env.BENCH_KEEP_DATABASE) process.stderr.write(`kept database ${name}\n`);
    else
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
