import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeRequest {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly body: Record<string, string>;
}

/**
 * A local stand-in for the Stripe API, for the official SDK pointed at it: it records every
 * request, answers a repeated Idempotency-Key with the first response as Stripe does, counts
 * the objects it really created, and fails the paths it is told to.
 */
export class FakeStripe {
  readonly requests: StripeRequest[] = [];
  readonly created: {
    readonly kind: string;
    readonly id: string;
    readonly body: Record<string, string>;
  }[] = [];
  private readonly replies = new Map<string, unknown>();
  private readonly failing = new Set<RegExp>();
  private readonly paid = new Set<string>();
  private readonly finalized = new Set<string>();
  private counter = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeStripe> {
    const holder: { fake?: FakeStripe } = {};
    const server = createServer((request, response) => void holder.fake?.handle(request, response));
    const fake = new FakeStripe(server);
    holder.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests to paths matching `pattern` fail with a 500 until `heal` is called. */
  fail(pattern: RegExp): void {
    this.failing.add(pattern);
  }

  /** The invoice was paid in Stripe: nothing is due on it any more. */
  markPaid(invoiceId: string): void {
    this.paid.add(invoiceId);
  }

  heal(): void {
    this.failing.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const path = (request.url ?? '').split('?')[0];
    const key = request.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(key) ? key[0] : key;
    this.requests.push({ method: request.method ?? '', path, idempotencyKey, body });
    response.setHeader('Content-Type', 'application/json');
    if ([...this.failing].some((pattern) => pattern.test(path))) {
      response.statusCode = 500;
      response.end(JSON.stringify({ error: { type: 'api_error', message: 'Injected failure' } }));
      return;
    }
    const invoiceGet = /^\/v1\/invoices\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && invoiceGet) {
      response.end(JSON.stringify(this.invoiceState(invoiceGet[1])));
      return;
    }
    if (request.method === 'GET' && path === '/v1/invoiceitems') {
      const invoice = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get('invoice');
      const data = this.created
        .filter((object) => object.kind === 'invoiceitem' && object.body.invoice === invoice)
        .map((object) => ({
          id: object.id,
          object: 'invoiceitem',
          invoice,
          metadata: { invoiceLineId: object.body['metadata[invoiceLineId]'] },
        }));
      response.end(JSON.stringify({ object: 'list', url: path, has_more: false, data }));
      return;
    }
    const cacheKey = `${path}|${idempotencyKey ?? ''}`;
    if (idempotencyKey !== undefined && this.replies.has(cacheKey)) {
      response.end(JSON.stringify(this.replies.get(cacheKey)));
      return;
    }
    const reply = this.reply(path, body);
    if (reply === null) {
      response.statusCode = 404;
      response.end(
        JSON.stringify({ error: { type: 'invalid_request_error', message: `No route ${path}` } }),
      );
      return;
    }
    if (idempotencyKey !== undefined) this.replies.set(cacheKey, reply);
    response.end(JSON.stringify(reply));
  }

  /** An invoice as Stripe shows it: due is the sum of its items, until it is paid. */
  private invoiceState(id: string): Record<string, unknown> {
    const due = this.created
      .filter((object) => object.kind === 'invoiceitem' && object.body.invoice === id)
      .reduce(
        (sum, item) => sum + BigInt(item.body.unit_amount_decimal ?? item.body.amount ?? '0'),
        0n,
      );
    const status = this.paid.has(id) ? 'paid' : this.finalized.has(id) ? 'open' : 'draft';
    return {
      id,
      object: 'invoice',
      status,
      amount_remaining: Number(this.paid.has(id) ? 0n : due),
    };
  }

  private reply(path: string, body: Record<string, string>): Record<string, unknown> | null {
    const make = (kind: string, prefix: string, extra: Record<string, unknown> = {}) => {
      const id = `${prefix}_${++this.counter}`;
      this.created.push({ kind, id, body });
      return { id, object: kind, livemode: false, ...extra };
    };
    if (path === '/v1/customers') return make('customer', 'cus');
    if (path === '/v1/invoices') return make('invoice', 'in', { status: 'draft' });
    if (path === '/v1/invoiceitems') return make('invoiceitem', 'ii');
    if (path === '/v1/credit_notes') return make('credit_note', 'cn');
    const finalize = /^\/v1\/invoices\/([^/]+)\/finalize$/.exec(path);
    if (finalize) {
      this.created.push({ kind: 'finalization', id: finalize[1], body });
      this.finalized.add(finalize[1]);
      return this.invoiceState(finalize[1]);
    }
    return null;
  }
}
