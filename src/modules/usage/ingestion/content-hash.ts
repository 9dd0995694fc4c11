import { createHash } from 'node:crypto';

/** Canonical JSON: keys sorted at every level, Dates as ISO strings, so equal content hashes equal. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of a normalised record: the same key with the same fingerprint is a duplicate,
 * with another fingerprint a conflict.
 */
export function contentHash(record: object): string {
  return createHash('sha256').update(canonical(record)).digest('base64url');
}
