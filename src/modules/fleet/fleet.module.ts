import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvoicingModule } from '../invoicing/invoicing.module';
import { PricingModule } from '../pricing/pricing.module';
import { RegistryModule } from '../registry/registry.module';
import { UsageModule } from '../usage/usage.module';
import { NotebookReleaseEntity } from './releases/notebook-release.entity';
import { NotebookReleasesController } from './releases/notebook-releases.controller';
import { NotebookReleasesRepository } from './releases/notebook-releases.repository';
import { NotebookReleasesService } from './releases/notebook-releases.service';
import { ReleaseAdoption } from './releases/release-adoption';
import { CustomerMonthCache } from './rooms/customer-month.cache';
import { CustomerMonthSource } from './rooms/customer-month.source';
import { FleetRoomSource } from './rooms/fleet-room.source';
import { FleetRoomsController } from './rooms/fleet-rooms.controller';
import { FleetRoomsService } from './rooms/fleet-rooms.service';
import { FleetSnapshot } from './rooms/fleet-snapshot';

/**
 * The fleet a partner runs (issue 15): one view of every room (owner, notebook versions, runs,
 * schedule, month-to-date usage, bill and cap use) and notebook releases with where each room
 * stands against them. Owns notebook_releases; reads rooms, runs, usage, caps and bills through
 * the registry's, usage's, pricing's and invoicing's query services.
 */
@Module({
  imports: [
    RegistryModule,
    UsageModule,
    PricingModule,
    InvoicingModule,
    TypeOrmModule.forFeature([NotebookReleaseEntity]),
  ],
  controllers: [FleetRoomsController, NotebookReleasesController],
  providers: [
    CustomerMonthSource,
    CustomerMonthCache,
    FleetRoomSource,
    FleetSnapshot,
    FleetRoomsService,
    NotebookReleasesRepository,
    NotebookReleasesService,
    ReleaseAdoption,
  ],
})
export class FleetModule {}
