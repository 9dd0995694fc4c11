import { Module } from '@nestjs/common';
import { PricingModule } from '../pricing/pricing.module';
import { RegistryModule } from '../registry/registry.module';
import { UsageModule } from '../usage/usage.module';
import { LineBreakdownService } from './breakdown/line-breakdown.service';
import { InvoiceCloseScheduler } from './close/invoice-close.scheduler';
import { BilledPeriodsReader } from './queries/billed-periods.reader';
import { PeriodDocumentsReader } from './queries/period-documents.reader';
import { BillableCustomersReader } from './close/billable-customers.reader';
import { InvoiceCloseService } from './close/invoice-close.service';
import { CorrectionBasisRepository } from './corrections/correction-basis.repository';
import { CreditNotesRepository } from './credit-notes/credit-notes.repository';
import { DocumentNumbersRepository } from './issuing/document-numbers.repository';
import { InvoicingLock } from './issuing/invoicing-lock';
import { InvoiceLinesRepository } from './invoices/invoice-lines.repository';
import { InvoiceMetrics } from './invoice-metrics';
import { BilledHistoryGuard } from './invoices/billed-history.guard';
import { InvoiceDrafter } from './issuing/invoice-drafter';
import { InvoiceIssuer } from './issuing/invoice-issuer';
import { CreditNoteWriter } from './credit-notes/credit-note-writer';
import { CreditNotesService } from './credit-notes/credit-notes.service';
import { InvoicePreviewController } from './preview/invoice-preview.controller';
import { InvoicePreviewService } from './preview/invoice-preview.service';
import { UpcomingInvoiceController } from './preview/upcoming-invoice.controller';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { PaymentDocumentsReader } from './payment-sync/payment-documents.reader';
import { PaymentQueue } from './payment-sync/payment-queue';
import { PaymentSyncRecorder } from './payment-sync/payment-sync-recorder';
import { ProviderStatusRecorder } from './payment-sync/provider-status-recorder';

/** Period close, drafts, finalization with gap-free numbers, corrections and credit notes. */
@Module({
  imports: [RegistryModule, PricingModule, UsageModule],
  controllers: [InvoicesController, InvoicePreviewController, UpcomingInvoiceController],
  providers: [
    InvoicingLock,
    BilledPeriodsReader,
    PeriodDocumentsReader,
    InvoicesRepository,
    InvoiceLinesRepository,
    CreditNotesRepository,
    DocumentNumbersRepository,
    PaymentQueue,
    PaymentSyncRecorder,
    PaymentDocumentsReader,
    ProviderStatusRecorder,
    CorrectionBasisRepository,
    BillableCustomersReader,
    InvoiceDrafter,
    InvoiceIssuer,
    CreditNoteWriter,
    CreditNotesService,
    InvoicePreviewService,
    InvoicesService,
    BilledHistoryGuard,
    InvoiceCloseService,
    InvoiceCloseScheduler,
    InvoiceMetrics,
    LineBreakdownService,
  ],
  exports: [
    InvoicingLock,
    InvoicesService,
    InvoiceCloseService,
    BilledPeriodsReader,
    // for payments: the outbox it works off, what it pushes, and what it records of the push
    PaymentQueue,
    PaymentDocumentsReader,
    PaymentSyncRecorder,
    ProviderStatusRecorder,
    PeriodDocumentsReader,
  ],
})
export class InvoicingModule {}
