import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsageModule } from '../usage/usage.module';
import { PlanHistoryQueries } from './subscriptions/plan-history-queries';
import { RegistryModule } from '../registry/registry.module';
import { BudgetsController } from './budgets/budgets.controller';
import { BudgetsService } from './budgets/budgets.service';
import { CapsNowReader } from './budgets/caps-now.reader';
import { PlanEntity } from './plans/plan.entity';
import { PlanVersionEntity } from './plans/plan-version.entity';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';
import { QuotesController } from './quotes/quotes.controller';
import { QuotesService } from './quotes/quotes.service';
import { PeriodRatingService } from './rating/period-rating.service';
import { SubscriptionEntity } from './subscriptions/subscription.entity';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** Plan catalogue, subscriptions, budgets, quotes and the period rating the invoices will use. */
@Module({
  imports: [
    RegistryModule,
    UsageModule,
    TypeOrmModule.forFeature([PlanEntity, PlanVersionEntity, SubscriptionEntity]),
  ],
  controllers: [PlansController, SubscriptionsController, BudgetsController, QuotesController],
  providers: [
    PlansRepository,
    PlansService,
    SubscriptionsRepository,
    SubscriptionsService,
    PlanHistoryQueries,
    PeriodRatingService,
    BudgetsService,
    CapsNowReader,
    QuotesService,
  ],
  exports: [PeriodRatingService, PlansService, PlanHistoryQueries, CapsNowReader],
})
export class PricingModule {}
