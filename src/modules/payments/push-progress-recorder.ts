import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaymentSyncRecorder } from '../invoicing/payment-sync/payment-sync-recorder';
import { StripeCustomerLinks } from '../registry/customers/stripe-customer-links';
import type { InvoiceToPush, PushProgress } from './payment-provider.port';

/** Records each Stripe object of an invoice's push as soon as it exists, so a retry resumes. */
@Injectable()
export class PushProgressRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stripeLinks: StripeCustomerLinks,
    private readonly sync: PaymentSyncRecorder,
  ) {}

  of(invoice: InvoiceToPush): PushProgress {
    return {
      // On the customer (unless it has one already) and on the invoice, together.
      customerCreated: (stripeCustomerId) =>
        this.dataSource.transaction(async (manager) => {
          await this.stripeLinks.record(manager, invoice.customer.id, stripeCustomerId);
          await this.sync.recordCustomer(manager, invoice.invoiceId, stripeCustomerId);
        }),
      invoiceCreated: (stripeInvoiceId) =>
        this.sync.recordInvoice(invoice.invoiceId, stripeInvoiceId),
    };
  }
}
