const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * The value of one sample of a Prometheus text exposition: the series named `name` whose labels
 * are exactly `labels` (in any order); undefined when there is no such series.
 */
export function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match || match[1] !== name) continue;
    const found = [...(match[2] ?? '').matchAll(LABEL)]
      .map(([, key, value]) => [key, value])
      .sort(([a], [b]) => a.localeCompare(b));
    if (JSON.stringify(found) === JSON.stringify(wanted)) return Number(match[3]);
  }
  return undefined;
}

/** How much a counter's series grew between two scrapes (an absent series counts as 0). */
export function increase(
  before: string,
  after: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  return (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
}
