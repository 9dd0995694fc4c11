import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import { cpuSecondsOf } from './cpu-meter';

const TICKS_PER_SECOND = 100;

/** Busy CPU seconds of the whole machine so far (all cores; idle and I/O wait left out). */
function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** `uptime`'s three load averages. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** A phase's CPU seconds (service, its Postgres backends) and the line that describes the machine. */
export interface PhaseLoad {
  readonly service: number;
  readonly postgres: number;
  readonly text: string;
}

interface Mark {
  readonly at: bigint;
  readonly machine: number;
  readonly service: number;
  readonly backends: ReadonlyMap<number, number>;
  readonly driver: number;
}

/**
 * How busy the machine was during a phase, and with what: the load averages at its end (as
 * `uptime` prints them; they include this benchmark), the cores this benchmark used (service,
 * the Postgres backends of its database, the load driver) and the cores everything else used
 * (other sessions' tests): a figure measured while others took a core is not this code's alone.
 * Backends are read every second, each counted up to its last reading: one that ends within a
 * phase (the pool closes idle connections) keeps what it used.
 */
export class MachineLoad {
  private readonly latest = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  /** `admin`: a connection of its own (the phases' statements must not queue behind these). */
  constructor(
    private readonly servicePid: number,
    private readonly admin: Client,
    private readonly database: string,
  ) {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    const { rows } = await this.admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1`,
      [this.database],
    );
    for (const { pid } of rows) {
      const cpu = cpuSecondsOf(pid);
      if (cpu > 0) this.latest.set(pid, cpu);
    }
  }

  async mark(): Promise<Mark> {
    await this.refresh();
    const usage = process.cpuUsage();
    return {
      at: process.hrtime.bigint(),
      machine: machineBusySeconds(),
      service: cpuSecondsOf(this.servicePid),
      backends: new Map(this.latest),
      driver: (usage.user + usage.system) / 1e6,
    };
  }

  async since(start: Mark): Promise<PhaseLoad> {
    const end = await this.mark();
    const wall = Number(end.at - start.at) / 1e9;
    const service = end.service - start.service;
    let postgres = 0;
    for (const [pid, cpu] of end.backends) postgres += cpu - (start.backends.get(pid) ?? 0);
    const driver = end.driver - start.driver;
    const others = end.machine - start.machine - service - postgres - driver;
    const cores = (s: number) => (s / wall).toFixed(2);
    return {
      service,
      postgres,
      text: `load ${loadAverage()}; cores: service ${cores(service)}, postgres ${cores(postgres)}, driver ${cores(driver)}, others ${cores(Math.max(0, others))}`,
    };
  }

  /**
   * Waits until the service has finished what an overloaded phase left queued in it (its CPU
   * idle for a second), so the next phase does not pay for it; at most `maxSeconds`.
   */
  async settle(maxSeconds: number): Promise<number> {
    const t0 = Date.now();
    let last = cpuSecondsOf(this.servicePid);
    while (Date.now() - t0 < maxSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = cpuSecondsOf(this.servicePid);
      if (now - last < 0.05) break;
      last = now;
    }
    return (Date.now() - t0) / 1000;
  }
}
