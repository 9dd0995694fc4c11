import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far (all its threads), or 0 when it cannot be read. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuReading {
  readonly service: number;
  readonly postgres: number;
}

/**
 * Where a phase's CPU time went: the service process, and the PostgreSQL backends connected to
 * the benchmark's database (read from /proc, so only when Postgres runs on this machine; else
 * its figure stays 0). A backend that ends within a phase takes its time with it, so readings
 * are taken while the service's pool is open.
 */
export class CpuMeter {
  constructor(
    private readonly servicePid: number,
    private readonly admin: Client,
    private readonly database: string,
  ) {}

  async read(): Promise<CpuReading> {
    const { rows } = await this.admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [this.database],
    );
    let postgres = 0;
    for (const { pid } of rows) postgres += cpuSecondsOf(pid);
    return { service: cpuSecondsOf(this.servicePid), postgres };
  }
}

/** CPU microseconds per row between two readings, for the printed table. */
export function cpuPerRow(before: CpuReading, after: CpuReading, rows: number): string {
  const us = (s: number) => ((s * 1e6) / rows).toFixed(1);
  return `service ${us(after.service - before.service)} µs, postgres ${us(after.postgres - before.postgres)} µs`;
}
