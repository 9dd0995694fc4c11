/** Earliest and latest usage the service takes: outside, a timestamp is surely a mistake. */
export const EARLIEST_USAGE_MS = Date.UTC(2000, 0, 1);
export const LATEST_USAGE_MS = Date.UTC(2100, 0, 1);

export const isWithinUsageWindow = (ms: number): boolean =>
  ms >= EARLIEST_USAGE_MS && ms < LATEST_USAGE_MS;
