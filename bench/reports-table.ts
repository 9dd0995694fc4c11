import type { Frame } from './cpu-profile-top';
import type { LoadResult } from './http-load';
import type { PhaseLoad } from './machine-load';
import type { LoadFigures } from './reports-load';
import type { SqlFloors } from './reports-floors';

interface Options {
  readonly rows: number;
  readonly customers: number;
  readonly roomsPerCustomer: number;
  readonly months: number;
  readonly rate: number;
  readonly connections: number;
  readonly seconds: number;
  readonly floorSamples: number;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const n = (x: number) => Math.round(x).toLocaleString('en');
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

/** The figures of one run, printed at the end as the README shows them. */
export class Report {
  private readonly lines: string[] = [];
  private readonly notes: string[] = [];
  private readonly phases = new Map<string, { result: LoadResult; machine: PhaseLoad }>();
  private floors: SqlFloors | null = null;
  private floorMachine = '';
  private frames: { self: Frame[]; total: Frame[]; busyMs: number } | null = null;

  constructor(
    private readonly options: Options,
    private readonly startLoad: string,
  ) {}

  load(f: LoadFigures, total: number, load: string): void {
    const steps = Object.entries(f.seconds).map(([step, s]) => `${step} ${s.toFixed(1)} s`);
    this.lines.push(
      `Load (SQL, no API): ${total.toFixed(1)} s — ${steps.join(', ')} (load at the end ${load})`,
      `Rows: ${Object.entries(f.rows)
        .map(([t, c]) => `${t} ${n(c)}`)
        .join(', ')}`,
      `Sizes (heap + indexes): ${Object.entries(f.sizes)
        .map(([t, s]) => `${t} ${s}`)
        .join(', ')}`,
      `Attribution spot check: ${n(f.spotCheck.sampled)} sampled rows attributed again by the service's statement, ${f.spotCheck.mismatched} differ`,
    );
  }

  invoices(i: { invoices: number; seconds: number }, load: string): void {
    this.lines.push(
      `Invoices: ${n(i.invoices)} closed and finalized over HTTP in ${i.seconds.toFixed(1)} s (load ${load})`,
    );
  }

  sqlFloors(floors: SqlFloors, machine: PhaseLoad): void {
    this.floors = floors;
    this.floorMachine = machine.text;
  }

  phase(name: string, result: LoadResult, machine: PhaseLoad): void {
    this.phases.set(name, { result, machine });
  }

  note(line: string): void {
    this.notes.push(line);
  }

  profile(frames: { self: Frame[]; total: Frame[]; busyMs: number }): void {
    this.frames = frames;
  }

  render(): string {
    const o = this.options;
    const out = [
      '',
      `# Reports benchmark: ${n(o.rows)} usage rows, ${n(o.customers * o.roomsPerCustomer)} rooms, ${o.months} months (load at start ${this.startLoad})`,
      '',
      ...this.lines,
      ...this.notes,
      '',
    ];
    if (this.floors !== null) {
      out.push(
        `SQL floors: ${this.floors.samples} random room-months, statements back to back on one connection (${this.floorMachine})`,
        '',
        '| request kind | SQL p50 ms | SQL p95 ms |',
        '|---|---|---|',
        ...[...this.floors.byKind].map(([kind, l]) => `| ${kind} | ${ms(l.p50)} | ${ms(l.p95)} |`),
        '',
      );
    }
    out.push(...this.httpTable(), '');
    for (const [name, { machine }] of this.phases) out.push(`- ${name}: ${machine.text}`);
    if (this.frames !== null) out.push('', ...this.profileLines(this.frames));
    return `${out.join('\n')}\n`;
  }

  private floor(kind: string): number {
    return this.floors?.byKind.get(kind)?.p50 ?? Number.NaN;
  }

  private httpTable(): string[] {
    const o = this.options;
    const health = this.phases.get('GET /health, max')?.result.perSecond ?? Number.NaN;
    const rows = [
      `| measurement (${o.seconds} s each) | req/s | p50 ms | p95 ms | p99 ms | failed (not sent) / late | CPU ms per request: service + Postgres | floor | ratio | target |`,
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    for (const [name, { result: r, machine }] of this.phases) {
      const max = name.endsWith(', max');
      // One request at a time: latency without queueing, its p50 against the SQL's p50. At a
      // fixed rate: the issue's figure, p95 against the SQL's p50.
      const single = name.endsWith(', 1 connection');
      const at = single ? 'p50' : 'p95';
      const lossy = `${r.failed}${r.notSent > 0 ? ` (${r.notSent})` : ''} / ${r.late}`;
      // Requests that timed out were still served, and their CPU is in the phase's: no figure then.
      const timedOut = r.failed > r.notSent;
      const perRequest = (s: number) =>
        r.completed === 0 || timedOut ? '–' : ((s * 1000) / r.completed).toFixed(1);
      const cpu = timedOut
        ? '– (timeouts)'
        : `${perRequest(machine.service)} + ${perRequest(machine.postgres)}`;
      const head = `| ${name} | ${n(r.perSecond)} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${lossy} | ${cpu}`;
      if (name.startsWith('GET /health')) {
        rows.push(`${head} | HTTP floor | ${name === 'GET /health, max' ? '1.00×' : ''} | |`);
      } else if (name.startsWith('report')) {
        const groupBy = /groupBy=([a-z]+(?:,[a-z]+)*)/.exec(name)?.[1] ?? '';
        const sql = this.floor(`groupBy=${groupBy}`);
        if (max) {
          rows.push(
            `${head} | /health ${n(health)} req/s | ${ratio(r.perSecond / health)} | ≥ 500 req/s |`,
          );
        } else {
          const target = single ? '' : 'p95 < 50 ms';
          rows.push(
            `${head} | SQL p50 ${ms(sql)} ms | ${at} ${ratio(r.latency[at] / sql)} | ${target} |`,
          );
          for (const [path, l] of [...r.byLabel].sort()) {
            const pathSql = this.floor(`groupBy=${groupBy} ${path}`);
            rows.push(
              `| … billed from ${path} (${n(l.count)} requests) | | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | | | SQL p50 ${ms(pathSql)} ms | ${at} ${ratio(l[at] / pathSql)} | |`,
            );
          }
        }
      } else if (name.startsWith('GET /v1/runs')) {
        const sql = this.floor('/v1/runs');
        rows.push(
          max
            ? `${head} | /health ${n(health)} req/s | ${ratio(r.perSecond / health)} | (issue: ~13 req/s today) |`
            : `${head} | SQL p50 ${ms(sql)} ms | ${at} ${ratio(r.latency[at] / sql)} | ${single ? 'p50 ≤ 2× SQL' : ''} |`,
        );
      } else {
        rows.push(
          max
            ? `${head} | /health ${n(health)} req/s | ${ratio(r.perSecond / health)} | |`
            : `${head} | | | ${name.includes('one customer') ? '' : 'p95 < 250 ms'} |`,
        );
      }
    }
    return rows;
  }

  private profileLines(f: { self: Frame[]; total: Frame[]; busyMs: number }): string[] {
    const row = (x: Frame) => `| ${x.name} | ${n(x.ms)} | ${(x.share * 100).toFixed(1)} % |`;
    return [
      `CPU profile of the service under the closed-loop report (busy ${n(f.busyMs)} ms):`,
      '',
      '| self time | ms | share |',
      '|---|---|---|',
      ...f.self.map(row),
      '',
      '| total time (service code) | ms | share |',
      '|---|---|---|',
      ...f.total.map(row),
    ];
  }
}
