import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaymentDocumentsReader } from '../invoicing/payment-sync/payment-documents.reader';
import { StripeCustomerLinks } from '../registry/customers/stripe-customer-links';
import type { CreditNoteToPush, InvoiceToPush } from './payment-provider.port';

/** What the worker pushes, in the port's terms: invoicing's documents, registry's customer. */
@Injectable()
export class DocumentsToPush {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: PaymentDocumentsReader,
    private readonly stripeLinks: StripeCustomerLinks,
  ) {}

  async invoice(invoiceId: string): Promise<InvoiceToPush> {
    const invoice = await this.documents.invoice(invoiceId);
    // The invoice's customer_id references customers, so the customer exists.
    const customer = (await this.stripeLinks.find(this.dataSource.manager, invoice.customerId))!;
    return {
      invoiceId: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      periodKey: invoice.periodKey,
      customer: {
        id: invoice.customerId,
        name: customer.name,
        providerCustomerId: invoice.stripeCustomerId ?? customer.stripeCustomerId,
      },
      providerInvoiceId: invoice.stripeInvoiceId,
      lines: invoice.lines,
    };
  }

  /**
   * A credit note ready to push; `waiting` while the invoice it credits is not in Stripe yet,
   * `orphaned` when that invoice's push has failed for good.
   */
  async creditNote(creditNoteId: string): Promise<CreditNoteToPush | 'waiting' | 'orphaned'> {
    const note = await this.documents.creditNote(creditNoteId);
    if (!note || note.invoice.paymentSync === 'failed') return 'orphaned';
    const providerInvoiceId = note.invoice.stripeInvoiceId;
    if (note.invoice.paymentSync !== 'synced' || providerInvoiceId === null) return 'waiting';
    return {
      creditNoteId: note.id,
      number: note.number,
      currency: note.currency,
      amount: note.amount,
      reason: note.reason,
      providerInvoiceId,
    };
  }
}
