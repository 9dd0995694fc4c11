/** host:port/database of a connection URL, without its credentials, for the start-up log. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
