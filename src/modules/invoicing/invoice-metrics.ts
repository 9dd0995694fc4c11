import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '../operations/metrics-registry';

/** What started a close run: the API (`POST /v1/invoices/close`) or INVOICE_CLOSE_CRON. */
export type CloseTrigger = 'request' | 'schedule';

/** The documents one committed transaction issued (numbered and final). */
export interface IssuedDocuments {
  readonly invoices: number;
  readonly creditNotes: number;
}

/**
 * Invoicing's Prometheus metrics: how long close runs take, and the invoices and credit notes
 * issued. Durations are the process's own timer, not the injected Clock, which a test may hold
 * still.
 */
@Injectable()
export class InvoiceMetrics {
  private readonly closeDuration: Histogram<'trigger'>;
  private readonly issuedDocuments: Counter<'document'>;

  constructor(registry: MetricsRegistry) {
    this.closeDuration = new Histogram({
      name: 'billing_invoice_close_duration_seconds',
      help: 'Duration of completed invoice close runs, by what started them',
      labelNames: ['trigger'] as const,
      // From one customer in a test to every customer of a large month (see bench:close).
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    });
    this.issuedDocuments = new Counter({
      name: 'billing_invoices_issued_total',
      help: 'Invoices finalized and credit notes issued, each with its number',
      labelNames: ['document'] as const,
      registers: [registry],
    });
    this.issuedDocuments.inc({ document: 'invoice' }, 0);
    this.issuedDocuments.inc({ document: 'credit_note' }, 0);
  }

  /** Runs one close and observes how long it took, if it completes (a refused run is not one). */
  async timeClose<T>(trigger: CloseTrigger, run: () => Promise<T>): Promise<T> {
    const stop = this.closeDuration.startTimer({ trigger });
    const result = await run();
    stop();
    return result;
  }

  /** Counts what a transaction issued; call it once that transaction has committed. */
  issued(documents: IssuedDocuments): void {
    if (documents.invoices > 0)
      this.issuedDocuments.inc({ document: 'invoice' }, documents.invoices);
    if (documents.creditNotes > 0) {
      this.issuedDocuments.inc({ document: 'credit_note' }, documents.creditNotes);
    }
  }
}
