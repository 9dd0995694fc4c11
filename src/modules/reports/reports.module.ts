import { Module } from '@nestjs/common';
import { InvoicingModule } from '../invoicing/invoicing.module';
import { RegistryModule } from '../registry/registry.module';
import { UsageModule } from '../usage/usage.module';
import { CostCellsSource } from './costs/cost-cells.source';
import { CostReportController } from './costs/cost-report.controller';
import { CostReportService } from './costs/cost-report.service';

/**
 * Reports over usage and billing: cost per room, run, SKU, day… with the billed money allocated
 * back from the invoices. Owns no table: it reads through the usage, invoicing and registry query
 * services.
 */
@Module({
  imports: [RegistryModule, UsageModule, InvoicingModule],
  controllers: [CostReportController],
  providers: [CostCellsSource, CostReportService],
})
export class ReportsModule {}
