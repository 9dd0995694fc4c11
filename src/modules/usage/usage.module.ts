import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '../registry/registry.module';
import { QuarantineSweep } from './attribution/quarantine-sweep';
import { OwedRunsSweep } from './attribution/owed-runs-sweep';
import { PendingRunReattributions } from './attribution/pending-run-reattributions';
import { SilentImportsSweep } from './imports/silent-imports.sweep';
import { ImportLiveness } from './imports/import-liveness';
import { ReattributionService } from './attribution/reattribution.service';
import { ConflictEntity } from './conflicts/conflict.entity';
import { ConflictsController } from './conflicts/conflicts.controller';
import { CleanRoomEventImportSpec } from './events/clean-room-event-import-spec';
import { CleanRoomEventsController } from './events/clean-room-events.controller';
import { CleanRoomEventsRepository } from './events/clean-room-events.repository';
import { CleanRoomEventsService } from './events/clean-room-events.service';
import { CsvImportService } from './imports/csv-import.service';
import { ImportEntity } from './imports/import.entity';
import { ImportsRepository } from './imports/imports.repository';
import { UsageImportsController } from './imports/usage-imports.controller';
import { ConflictsWriter } from './ingestion/conflicts.repository';
import { IngestMetrics } from './ingestion/ingest-metrics';
import { UsageImportSpec } from './ingestion/usage-import-spec';
import { UsageIngestService } from './ingestion/usage-ingest.service';
import { UsagePartitions } from './ingestion/usage-partitions';
import { UsageController } from './ingestion/usage.controller';
import { ListPriceEntity } from './prices/list-price.entity';
import { ListPriceImportSpec } from './prices/list-price-import-spec';
import { ListPricesRepository } from './prices/list-prices.repository';
import { ListPricesService } from './prices/list-prices.service';
import { PartnerDiscountEntity } from './prices/partner-discount.entity';
import { PartnerDiscountsController } from './prices/partner-discounts.controller';
import { PricesController } from './prices/prices.controller';
import { QuarantineController } from './quarantine/quarantine.controller';
import { QuarantineRepository } from './quarantine/quarantine.repository';
import { UsageRollupsController } from './rollups/usage-rollups.controller';
import { UsageRollupsRepository } from './rollups/usage-rollups.repository';
import { RunsController } from './runs/runs.controller';
import { RunsRepository } from './runs/runs.repository';
import { RunsService } from './runs/runs.service';

/**
 * Databricks exports in (usage, list prices, clean-room events), idempotently; every DBU
 * attributed to a customer, room, run and triggering party, or kept in quarantine; hourly rollups.
 */
@Module({
  imports: [
    RegistryModule,
    TypeOrmModule.forFeature([
      ImportEntity,
      ConflictEntity,
      ListPriceEntity,
      PartnerDiscountEntity,
    ]),
  ],
  controllers: [
    UsageController,
    UsageImportsController,
    QuarantineController,
    ConflictsController,
    PricesController,
    PartnerDiscountsController,
    CleanRoomEventsController,
    RunsController,
    UsageRollupsController,
  ],
  providers: [
    UsageIngestService,
    UsagePartitions,
    UsageImportSpec,
    ConflictsWriter,
    CsvImportService,
    IngestMetrics,
    ImportsRepository,
    ImportLiveness,
    SilentImportsSweep,
    QuarantineRepository,
    ReattributionService,
    PendingRunReattributions,
    QuarantineSweep,
    OwedRunsSweep,
    ListPricesRepository,
    ListPricesService,
    ListPriceImportSpec,
    CleanRoomEventsRepository,
    CleanRoomEventsService,
    CleanRoomEventImportSpec,
    RunsRepository,
    RunsService,
    UsageRollupsRepository,
  ],
  exports: [RunsRepository],
})
export class UsageModule {}
