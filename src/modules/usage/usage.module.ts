import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PriceBookModule } from '../pricebook/pricebook.module';
import { RegistryModule } from '../registry/registry.module';
import { QuarantineSweep } from './attribution/quarantine-sweep';
import { OwedRunsSweep } from './attribution/owed-runs-sweep';
import { PendingRunReattributions } from './attribution/pending-run-reattributions';
import { SilentImportsSweep } from './imports/silent-imports.sweep';
import { ImportLiveness } from './imports/import-liveness';
import { ReattributionService } from './attribution/reattribution.service';
import { ReattributionRepository } from './attribution/reattribution.repository';
import { ConflictEntity } from './conflicts/conflict.entity';
import { ConflictsController } from './conflicts/conflicts.controller';
import { ConflictsService } from './conflicts/conflicts.service';
import { CleanRoomEventsController } from './events/clean-room-events.controller';
import { CleanRoomEventsRepository } from './events/clean-room-events.repository';
import { CleanRoomEventsService } from './events/clean-room-events.service';
import { CsvImportService } from './imports/csv-import.service';
import { ImportEntity } from './imports/import.entity';
import { ImportsRepository } from './imports/imports.repository';
import { UsageImportsController } from './imports/usage-imports.controller';
import { ConflictsWriter } from './ingestion/conflicts.repository';
import { IngestMetrics } from './ingestion/ingest-metrics';
import { CleanRoomEventsExport } from './ingestion/exports/clean-room-events.export';
import { ListPricesExport } from './ingestion/exports/list-prices.export';
import { UsageExport } from './ingestion/exports/usage.export';
import { ExportPipeline } from './ingestion/export-pipeline';
import { JsonIngestService } from './ingestion/json-ingest.service';
import { PricesController } from './ingestion/prices.controller';
import { UsageIngestRepository } from './ingestion/usage-ingest.repository';
import { UsagePartitions } from './ingestion/usage-partitions';
import { UsageController } from './ingestion/usage.controller';
import { QuarantineController } from './quarantine/quarantine.controller';
import { QuarantineRepository } from './quarantine/quarantine.repository';
import { UsageRollupsController } from './rollups/usage-rollups.controller';
import { UsageRollupsRepository } from './rollups/usage-rollups.repository';
import { UsageRollupsService } from './rollups/usage-rollups.service';
import { RunsController } from './runs/runs.controller';
import { PartnerExposureReader } from './queries/partner-exposure.reader';
import { PeriodRoomTotalsReader } from './queries/period-room-totals.reader';
import { RoomEtagsReader } from './queries/room-etags.reader';
import { RoomRunStatsReader } from './queries/room-run-stats.reader';
import { RoomPeriodUsageReader } from './queries/room-period-usage.reader';
import { RoomRunsReader } from './queries/room-runs.reader';
import { UsageCellsReader } from './queries/usage-cells.reader';
import { UsageEvidenceReader } from './queries/usage-evidence.reader';
import { RunsRepository } from './runs/runs.repository';
import { RunsService } from './runs/runs.service';

/**
 * Databricks exports in (usage, list prices, clean-room events), idempotently; every DBU
 * attributed to a customer, room, run and triggering party, or kept in quarantine; hourly rollups.
 */
@Module({
  imports: [
    RegistryModule,
    PriceBookModule,
    TypeOrmModule.forFeature([ImportEntity, ConflictEntity]),
  ],
  controllers: [
    UsageController,
    UsageImportsController,
    QuarantineController,
    ConflictsController,
    PricesController,
    CleanRoomEventsController,
    RunsController,
    UsageRollupsController,
  ],
  providers: [
    ExportPipeline,
    JsonIngestService,
    UsageExport,
    ListPricesExport,
    CleanRoomEventsExport,
    UsageIngestRepository,
    UsagePartitions,
    ConflictsWriter,
    CsvImportService,
    IngestMetrics,
    ImportsRepository,
    ImportLiveness,
    SilentImportsSweep,
    QuarantineRepository,
    ReattributionService,
    ReattributionRepository,
    PendingRunReattributions,
    QuarantineSweep,
    OwedRunsSweep,
    CleanRoomEventsRepository,
    CleanRoomEventsService,
    RunsRepository,
    RunsService,
    RoomPeriodUsageReader,
    PartnerExposureReader,
    UsageEvidenceReader,
    RoomRunsReader,
    UsageCellsReader,
    RoomRunStatsReader,
    RoomEtagsReader,
    PeriodRoomTotalsReader,
    UsageRollupsRepository,
    UsageRollupsService,
    ConflictsService,
  ],
  exports: [
    RoomPeriodUsageReader,
    PartnerExposureReader,
    UsageEvidenceReader,
    RoomRunsReader,
    UsageCellsReader,
    RoomRunStatsReader,
    RoomEtagsReader,
    PeriodRoomTotalsReader,
  ],
})
export class UsageModule {}
