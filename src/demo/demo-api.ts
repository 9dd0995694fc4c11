/** An answer of the service that the demo did not expect. */
export class DemoApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path}: HTTP ${status} ${body.slice(0, 500)}`);
  }
}

/**
 * The service's public HTTP API as the demo uses it, with one key: the demo goes through the
 * routes a partner would call, CSV imports included, never around them.
 */
export class DemoApi {
  constructor(
    readonly baseUrl: string,
    private readonly key: string,
  ) {}

  /** The parsed JSON answer; `tolerated` statuses come back as null instead of failing. */
  async json<T>(
    method: string,
    path: string,
    body?: unknown,
    tolerated: readonly number[] = [],
  ): Promise<T | null> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.auth(), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (tolerated.includes(response.status)) return null;
    if (!response.ok) throw new DemoApiError(method, path, response.status, text);
    return JSON.parse(text) as T;
  }

  /** Like json(), for answers the demo always expects to get. */
  async get<T>(path: string): Promise<T> {
    return (await this.json<T>('GET', path)) as T;
  }

  async send<T>(method: string, path: string, body: unknown): Promise<T> {
    return (await this.json<T>(method, path, body)) as T;
  }

  /** A CSV file posted as the body of an import, as Databricks wrote it. */
  async importCsv<T>(path: string, csv: string, fileName: string): Promise<T> {
    const url = `${path}?fileName=${encodeURIComponent(fileName)}`;
    const response = await fetch(`${this.baseUrl}${url}`, {
      method: 'POST',
      headers: { ...this.auth(), 'Content-Type': 'text/csv' },
      body: csv,
    });
    const text = await response.text();
    if (!response.ok) throw new DemoApiError('POST', path, response.status, text);
    return JSON.parse(text) as T;
  }

  private auth(): { Authorization: string } {
    return { Authorization: `Bearer ${this.key}` };
  }
}
