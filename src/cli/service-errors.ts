/** Network failures that mean the service is not where the CLI looked. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * The code of a fetch failure: Node's fetch puts the socket's error under `cause`. Read by shape,
 * not instanceof: the errors of fetch may come from another realm (a test's sandbox).
 */
function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    e = cause;
  }
  return undefined;
}

/**
 * What to tell the user when a request to the service failed before any answer: the URL it
 * tried, and how to point it elsewhere. Other errors pass through unchanged.
 */
export function describeRequestError(error: unknown, baseUrl: string): Error {
  const code = networkCode(error);
  if (code !== undefined && UNREACHABLE.has(code)) {
    return new Error(
      `Could not reach the billing service at ${baseUrl} (${code}).\n` +
        'Start it (npm start), or point the CLI at it: BILLING_API_URL=http://host:port npm run import -- …',
      { cause: error },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return new Error(
      `The connection to ${baseUrl} broke during the upload (${code}): the service stopped or restarted.\n` +
        'What it stored is kept; send the file again to finish (stored records come back as duplicates).',
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The service's base URL from BILLING_API_URL, checked, without a trailing slash. */
export function serviceBaseUrl(value: string | undefined): string {
  const base = value === undefined || value === '' ? 'http://localhost:3000' : value;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(
      `BILLING_API_URL is not a URL: ${JSON.stringify(base)} (e.g. http://localhost:3000)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`BILLING_API_URL must be http:// or https://, not ${JSON.stringify(base)}`);
  }
  return base.replace(/\/+$/, '');
}
