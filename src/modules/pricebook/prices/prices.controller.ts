import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { ListPricesService } from './list-prices.service';
import { ListPricePage, ListPricesQuery } from './prices.dto';

/**
 * The price book's read route. The other /v1/prices routes feed it from the Databricks export and
 * are usage's ingestion (usage/ingestion/prices.controller.ts); both classes are named
 * PricesController so that their operations keep the contract's `Prices_…` ids.
 */
@ApiTags('prices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/prices')
export class PricesController {
  constructor(private readonly priceBook: ListPricesService) {}

  @Get()
  @Access('ingest', 'finance', 'partner')
  @ApiOperation({ summary: 'The price book' })
  @ApiOkResponse({ type: ListPricePage })
  list(@Query() query: ListPricesQuery): Promise<ListPricePage> {
    return this.priceBook.page(query);
  }
}
