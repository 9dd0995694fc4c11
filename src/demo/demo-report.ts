import type { DemoResult, ImportSummary, LoadedCustomer } from './demo-loader';
import { D } from '../shared/money/decimal';
import { monthKey } from './demo-history';

export interface ReportOptions {
  /** Where the service answers once the demo is over (or now, with --serve). */
  readonly baseUrl: string;
  /** The key line to print: a secret shown once, or how to find the key in use. */
  readonly keyLine: string;
  readonly seconds: number;
  /** Steps before the demo's own (starting the service here), in seconds. */
  readonly startSeconds?: Readonly<Record<string, number>>;
  /** What to do before trying the URLs (start the service, or nothing). */
  readonly next: string;
}

/** What the demo made and where to look, as the lines it prints. */
export function demoReport(result: DemoResult, options: ReportOptions): string[] {
  const { history, customers } = result;
  const reused = customers.every((customer) => customer.existed);
  const lines = [
    '',
    `${reused ? 'Demo already there (same seed), nothing created twice' : 'Demo loaded'} in ${options.seconds.toFixed(1)} s, seed ${result.cast.seed}: ` +
      `${customers.length} customers, ${history.counts.runs} runs, ${history.counts.usageRows} usage rows ` +
      `from ${history.from.toISOString().slice(0, 10)} to ${history.now.toISOString().slice(0, 16)}Z`,
    `  imports: events ${importLine(result.imports.events)}; usage ${importLine(result.imports.usage)}`,
    `  seconds: ${Object.entries({ ...options.startSeconds, ...result.seconds })
      .map(([step, seconds]) => `${step} ${seconds.toFixed(1)}`)
      .join(', ')}`,
    '',
  ];
  for (const customer of customers) lines.push(...customerLines(customer));
  const { baseUrl } = options;
  const bundled = customers.find((customer) => customer.cast.model === 'bundled');
  const hybrid = customers.find((customer) => customer.cast.model === 'hybrid');
  const shown = bundled && largestFinalized(bundled);
  const auth = '-H "Authorization: Bearer $KEY"';
  lines.push(options.keyLine, '', options.next);
  if (bundled && hybrid) {
    // A preview is of a period not invoiced yet (an invoiced one answers 409 with the invoice).
    const thisMonth = monthKey(history.now);
    lines.push(
      `  curl -s "${baseUrl}/v1/invoices?customerId=${bundled.id}" ${auth}`,
      ...(shown
        ? [
            `  curl -s ${baseUrl}/v1/invoices/${shown} ${auth}`,
            `  curl -s ${baseUrl}/v1/invoices/${shown} ${auth} -H 'Accept: text/csv'`,
          ]
        : []),
      `  curl -s ${baseUrl}/v1/customers/${bundled.id}/budget ${auth}`,
      `  curl -s ${baseUrl}/v1/customers/${hybrid.id}/invoices/upcoming ${auth}`,
      `  curl -s "${baseUrl}/v1/customers/${hybrid.id}/invoices/preview?period=${thisMonth}" ${auth}`,
      `  API docs: ${baseUrl}/docs`,
    );
  }
  lines.push('');
  return lines;
}

function importLine(summary: ImportSummary): string {
  const parts = [`${summary.accepted} accepted`];
  if (summary.duplicates > 0) parts.push(`${summary.duplicates} already there`);
  for (const outcome of ['conflicts', 'quarantined', 'rejected'] as const) {
    if (summary[outcome] > 0) parts.push(`${summary[outcome]} ${outcome} (unexpected)`);
  }
  return `${summary.status}, ${parts.join(', ')}`;
}

function customerLines(customer: LoadedCustomer): string[] {
  return [
    `${customer.cast.name}  ${customer.id}`,
    `  ${customer.cast.deal}; subscribed from ${customer.subscribedFrom.slice(0, 10)}`,
    ...customer.invoices.map((invoice) =>
      invoice.id === null
        ? `  ${invoice.period}  no invoice: ${invoice.reason ?? 'none made'}`
        : `  ${invoice.period}  ${(invoice.number ?? '(draft)').padEnd(16)} ${(invoice.status ?? '').padEnd(9)} ${invoice.total ?? ''} ${invoice.currency ?? ''}  ${invoice.id}`,
    ),
    '',
  ];
}

/** The finalized invoice with the largest total: for a bundled plan, its month over the cap. */
function largestFinalized(customer: LoadedCustomer): string | undefined {
  const finalized = customer.invoices.filter(
    (invoice) => invoice.status === 'finalized' && invoice.id !== null && invoice.total !== null,
  );
  finalized.sort((a, b) => new D(b.total ?? 0).comparedTo(a.total ?? 0));
  return finalized[0]?.id ?? undefined;
}
