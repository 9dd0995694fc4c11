import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One request to send: a path, its headers, and a label its figures are also given under. */
export interface Target {
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly label?: string;
}

interface Sample {
  readonly label: string;
  /** From the moment the request was due (open loop) or sent (closed loop) to the response's end. */
  readonly ms: number;
  readonly ok: boolean;
}

export interface LoadResult {
  readonly seconds: number;
  readonly sent: number;
  readonly completed: number;
  readonly failed: number;
  /** Open loop: requests sent more than LATE_MS after they were due (the driver fell behind). */
  readonly late: number;
  /** Open loop: requests not sent because MAX_IN_FLIGHT were still unanswered (counted as failed too). */
  readonly notSent: number;
  readonly perSecond: number;
  readonly latency: Latency;
  readonly byLabel: ReadonlyMap<string, Latency & { readonly count: number }>;
  readonly firstError: string | null;
}

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

const LATE_MS = 10;
const TIMEOUT_MS = 30_000;
/**
 * Open loop: at most this many seconds of arrivals unanswered; beyond, a due request is not sent
 * (and counted failed). Without a bound an overloaded service takes minutes to work off the
 * backlog after the phase, and the next phase pays for it.
 */
const BACKLOG_SECONDS = 1;

/**
 * Open loop at a fixed rate: request i is due at i / rate seconds and is sent then, whatever the
 * earlier ones are doing (on a new connection when none is free), so a slow service cannot slow
 * the arrivals down. Latency runs from the due time, so a driver that falls behind is counted
 * against the service rather than hidden (no coordinated omission); those sends are also counted
 * as late. An overloaded service gets at most BACKLOG_SECONDS of arrivals in flight.
 */
export async function openLoop(
  baseUrl: string,
  rate: number,
  seconds: number,
  next: () => Target,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const errors: string[] = [];
  const total = Math.round(rate * seconds);
  const maxInFlight = Math.max(1, Math.round(rate * BACKLOG_SECONDS));
  let late = 0;
  let notSent = 0;
  let inFlight = 0;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const target = next();
    if (inFlight >= maxInFlight) {
      notSent += 1;
      continue;
    }
    if (performance.now() - due > LATE_MS) late += 1;
    inFlight += 1;
    pending.push(
      send(agent, baseUrl, target, due, samples, errors).then(() => {
        inFlight -= 1;
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return summarize(samples, total, late, notSent, elapsed, errors);
}

/** Closed loop: `connections` clients, each sending its next request when the last one ends. */
export async function closedLoop(
  baseUrl: string,
  connections: number,
  seconds: number,
  next: () => Target,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const samples: Sample[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < stopAt) {
        sent += 1;
        await send(agent, baseUrl, next(), performance.now(), samples, errors);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return summarize(samples, sent, 0, 0, elapsed, errors);
}

function send(
  agent: Agent,
  baseUrl: string,
  target: Target,
  from: number,
  samples: Sample[],
  errors: string[],
): Promise<void> {
  const label = target.label ?? '';
  return new Promise((resolve) => {
    const done = (ok: boolean, error?: string) => {
      samples.push({ label, ms: performance.now() - from, ok });
      if (error !== undefined && errors.length < 5) errors.push(error);
      resolve();
    };
    const req = request(
      `${baseUrl}${target.path}`,
      { agent, headers: target.headers, timeout: TIMEOUT_MS },
      (res) => {
        const ok = res.statusCode !== undefined && res.statusCode < 400;
        let body = '';
        res.on('data', (chunk: Buffer) => {
          if (!ok && body.length < 300) body += chunk.toString();
        });
        res.on('end', () =>
          done(ok, ok ? undefined : `HTTP ${res.statusCode} ${target.path}: ${body.slice(0, 300)}`),
        );
        res.on('error', (e) => done(false, e.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`)));
    req.on('error', (e) => done(false, e.message));
    req.end();
  });
}

function summarize(
  samples: Sample[],
  sent: number,
  late: number,
  notSent: number,
  seconds: number,
  errors: string[],
): LoadResult {
  const ok = samples.filter((s) => s.ok);
  const labels = new Map<string, Sample[]>();
  for (const s of ok) {
    const list = labels.get(s.label);
    if (list === undefined) labels.set(s.label, [s]);
    else list.push(s);
  }
  return {
    seconds,
    sent,
    completed: ok.length,
    failed: samples.length - ok.length + notSent,
    late,
    notSent,
    perSecond: ok.length / seconds,
    latency: latencyOf(ok.map((s) => s.ms)),
    byLabel: new Map(
      [...labels].map(([label, list]) => [
        label,
        { ...latencyOf(list.map((s) => s.ms)), count: list.length },
      ]),
    ),
    firstError: errors[0] ?? null,
  };
}

export function latencyOf(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? Number.NaN
      : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}
