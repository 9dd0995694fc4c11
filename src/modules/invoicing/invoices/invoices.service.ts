import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { notFound } from '../../../shared/errors/domain-error';
import { InvoiceIssuer } from '../issuing/invoice-issuer';
import { InvoiceLinesRepository } from './invoice-lines.repository';
import { InvoiceFilter, InvoicesRepository } from './invoices.repository';
import type { StoredInvoice, StoredInvoiceLine } from './stored-invoice';

export interface InvoiceView {
  readonly invoice: StoredInvoice;
  readonly lines: readonly StoredInvoiceLine[];
}

/**
 * An invoice's life after it is drafted: recomputed while a draft; finalized with the next
 * gap-free number, its credit notes and its payment outbox row in one transaction (both by
 * InvoiceIssuer); never changed after that (the database refuses it too).
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly repository: InvoicesRepository,
    private readonly lines: InvoiceLinesRepository,
    private readonly issuer: InvoiceIssuer,
  ) {}

  async findOrThrow(id: string): Promise<InvoiceView> {
    const invoice = await this.repository.findById(id);
    if (!invoice) throw notFound('Invoice', id);
    return { invoice, lines: await this.lines.linesOf(id) };
  }

  list(filter: InvoiceFilter, request: PageRequest): Promise<Page<StoredInvoice>> {
    return this.repository.page(filter, request);
  }

  async recompute(id: string): Promise<InvoiceView> {
    await this.issuer.recompute(id);
    return this.findOrThrow(id);
  }

  /**
   * Rates the draft once more (late data inside the grace period counts), then finalizes it.
   * With `alreadyFinalizedIsFine` (the close, which another replica may be running too), an
   * invoice finalized meanwhile is returned as it is instead of refused.
   */
  async finalize(id: string, alreadyFinalizedIsFine = false): Promise<InvoiceView> {
    await this.issuer.finalize(id, alreadyFinalizedIsFine);
    return this.findOrThrow(id);
  }
}
