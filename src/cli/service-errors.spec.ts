import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeRequestError, serviceBaseUrl } from './service-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('describeRequestError', () => {
  it('names the URL it tried and how to set it when nothing answers there', () => {
    const error = new TypeError('fetch failed', {
      cause: withCode('connect ECONNREFUSED 127.0.0.1:3000', 'ECONNREFUSED'),
    });
    const described = describeRequestError(error, 'http://localhost:3000');
    expect(described.message).toBe(
      'Could not reach the billing service at http://localhost:3000 (ECONNREFUSED).\n' +
        'Start it (npm start), or point the CLI at it: BILLING_API_URL=http://host:port npm run import -- …',
    );
    expect(described.cause).toBe(error);
  });

  it('says so for a host that does not resolve too', () => {
    const error = new TypeError('fetch failed', {
      cause: withCode('getaddrinfo ENOTFOUND billing.internal', 'ENOTFOUND'),
    });
    expect(describeRequestError(error, 'http://billing.internal:3000').message).toMatch(
      /^Could not reach the billing service at http:\/\/billing\.internal:3000 \(ENOTFOUND\)/,
    );
  });

  it('tells a connection broken mid-upload, and passes anything else through', () => {
    const reset = new TypeError('fetch failed', {
      cause: withCode('socket hang up', 'ECONNRESET'),
    });
    expect(describeRequestError(reset, 'http://localhost:3000').message).toMatch(
      /^The connection to http:\/\/localhost:3000 broke during the upload \(ECONNRESET\)/,
    );
    const other = new Error('something else');
    expect(describeRequestError(other, 'http://localhost:3000')).toBe(other);
  });

  it('reads the error Node’s fetch really throws for a port nobody listens on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const base = `http://127.0.0.1:${port}`;
    const failure = await fetch(`${base}/v1/usage/imports`, { method: 'POST' }).catch(
      (error: unknown) => error,
    );
    expect(describeRequestError(failure, base).message).toContain(
      `Could not reach the billing service at ${base} (ECONNREFUSED)`,
    );
  });
});

describe('serviceBaseUrl', () => {
  it('defaults to the local service and drops a trailing slash', () => {
    expect(serviceBaseUrl(undefined)).toBe('http://localhost:3000');
    expect(serviceBaseUrl('')).toBe('http://localhost:3000');
    expect(serviceBaseUrl('https://billing.example.com/')).toBe('https://billing.example.com');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => serviceBaseUrl('nonsense')).toThrow('BILLING_API_URL is not a URL: "nonsense"');
    expect(() => serviceBaseUrl('localhost:3000')).toThrow(
      'BILLING_API_URL must be http:// or https://, not "localhost:3000"',
    );
  });
});
