import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerDiscountEntity } from './discounts/partner-discount.entity';
import { PartnerDiscountsController } from './discounts/partner-discounts.controller';
import { PartnerDiscountsService } from './discounts/partner-discounts.service';
import { ListPriceEntity } from './prices/list-price.entity';
import { ListPriceRecorder } from './prices/list-price-recorder';
import { ListPricesService } from './prices/list-prices.service';
import { PricesController } from './prices/prices.controller';

/**
 * The price book, reference data beside the registry: Databricks list prices and the partner's
 * discount, each effective-dated. Usage's ingestion feeds the list prices through
 * ListPriceRecorder; set-based SQL elsewhere reads them through price-book.relations.ts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ListPriceEntity, PartnerDiscountEntity])],
  controllers: [PricesController, PartnerDiscountsController],
  providers: [ListPricesService, ListPriceRecorder, PartnerDiscountsService],
  exports: [ListPriceRecorder],
})
export class PriceBookModule {}
