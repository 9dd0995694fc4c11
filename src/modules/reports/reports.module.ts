import { Module } from '@nestjs/common';
import { InvoicingModule } from '../invoicing/invoicing.module';
import { PricingModule } from '../pricing/pricing.module';
import { RegistryModule } from '../registry/registry.module';
import { UsageModule } from '../usage/usage.module';
import { CostCellsSource } from './costs/cost-cells.source';
import { CostReportController } from './costs/cost-report.controller';
import { CostReportService } from './costs/cost-report.service';
import { FocusExportController } from './focus/focus-export.controller';
import { FocusExportService } from './focus/focus-export.service';
import { FocusRoomRows } from './focus/focus-room-rows';

/**
 * Reports over usage and billing: cost per room, run, SKU, day… with the billed money allocated
 * back from the invoices, and the FOCUS 1.2 export of a billing period. Owns no table: it reads
 * through the usage, invoicing, pricing and registry query services.
 */
@Module({
  imports: [RegistryModule, UsageModule, InvoicingModule, PricingModule],
  controllers: [CostReportController, FocusExportController],
  providers: [CostCellsSource, CostReportService, FocusExportService, FocusRoomRows],
})
export class ReportsModule {}
