/**
 * The upload's progress in rows: a rate that is an average over the last seconds (a rate per
 * chunk jumps with every pause of the network or of the service's batches), and an ETA from it.
 */

/**
 * How far back the rate looks. The upload moves in steps of the service's batches (5,000 lines,
 * two in flight), a second or two apart: over 5 s the rate of a 360,000-row import still swung
 * between 5,300 and 9,900 rows/s, over 10 s between 8,900 and 9,600.
 */
export const RATE_WINDOW_MS = 10_000;
/** Before this much time has passed, there is no rate worth showing: the first second only fills buffers. */
export const MIN_SPAN_MS = 2_000;

interface Sample {
  readonly at: number;
  readonly rows: number;
}

/** Rows per second over the last RATE_WINDOW_MS, from (time, rows so far) samples. */
export class RateMeter {
  private readonly samples: Sample[] = [];

  constructor(
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly minSpanMs = MIN_SPAN_MS,
  ) {}

  add(at: number, rows: number): void {
    this.samples.push({ at, rows });
    // Keep one sample at or before the window's start, so the window is always covered.
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) {
      this.samples.shift();
    }
  }

  /** Rows per second, or null until minSpanMs has passed. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (first === undefined || last === undefined) return null;
    const span = last.at - first.at;
    if (span < this.minSpanMs) return null;
    return ((last.rows - first.rows) * 1000) / span;
  }
}

export interface Estimate {
  /** Rows the whole file holds, estimated from the bytes read so far (exact at the end). */
  readonly totalRows: number;
  /** Seconds left at the current rate, or null while there is no rate. */
  readonly etaSeconds: number | null;
}

/** Total rows by the rows per byte read so far, and the time left at `rate`. */
export function estimate(progress: {
  rows: number;
  bytesRead: number;
  fileSize: number;
  rate: number | null;
}): Estimate {
  const { rows, bytesRead, fileSize, rate } = progress;
  if (bytesRead === 0) return { totalRows: rows, etaSeconds: fileSize === 0 ? 0 : null };
  const totalRows =
    bytesRead >= fileSize ? rows : Math.max(rows, Math.round((rows * fileSize) / bytesRead));
  const left = totalRows - rows;
  const etaSeconds = left === 0 ? 0 : rate === null || rate <= 0 ? null : Math.ceil(left / rate);
  return { totalRows, etaSeconds };
}

/** `1:05:09`, `4:05`, `0:07`; `…` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '…';
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** `35,664` */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Line breaks in a chunk of the file: the rows sent so far, once the header's is taken off. */
export function countLineBreaks(chunk: Uint8Array): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) count++;
  return count;
}
