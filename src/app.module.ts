import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { OperationsModule } from './modules/operations/operations.module';
import { loggingModule } from './modules/operations/logging';
import { FleetModule } from './modules/fleet/fleet.module';
import { InvoicingModule } from './modules/invoicing/invoicing.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { PriceBookModule } from './modules/pricebook/pricebook.module';
import { PricingModule } from './modules/pricing/pricing.module';
import { RegistryModule } from './modules/registry/registry.module';
import { ReportsModule } from './modules/reports/reports.module';
import { UsageModule } from './modules/usage/usage.module';
import { AuthModule } from './shared/auth/auth.module';
import { DatabaseModule } from './shared/database/database.module';
import { DatabaseTarget } from './shared/database/data-source-options';
import { KnownQueryInterceptor } from './shared/http/known-query.interceptor';
import { BillingCalendar } from './shared/time/billing-calendar';
import { Clock, CLOCK } from './shared/time/clock';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly database: DatabaseTarget;
  /** The real clock in production; a controllable one in scenario tests. */
  readonly clock: Clock;
}

@Global()
@Module({})
class ClockModule {
  static forClock(clock: Clock): DynamicModule {
    return {
      module: ClockModule,
      // The billing calendar answers from the clock: both are everywhere "now" matters.
      providers: [{ provide: CLOCK, useValue: clock }, BillingCalendar],
      exports: [CLOCK, BillingCalendar],
    };
  }
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(options.config),
        ClockModule.forClock(options.clock),
        loggingModule(options.config),
        DatabaseModule.forTarget(options.database),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        AuthModule,
        RegistryModule,
        UsageModule,
        PriceBookModule,
        PricingModule,
        InvoicingModule,
        PaymentsModule,
        ReportsModule,
        FleetModule,
        OperationsModule,
      ],
      // Unknown query parameters are refused on every route, as unknown body fields are.
      providers: [{ provide: APP_INTERCEPTOR, useClass: KnownQueryInterceptor }],
    };
  }
}
