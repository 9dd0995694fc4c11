import { Injectable } from '@nestjs/common';
import { ListPrice } from '../domain/list-price';
import { normalizeListPrice } from '../domain/normalize-list-price';
import { PRICE_TEXT_LIMITS } from '../domain/text-limits';
import { BeforeCommit, IngestSpec } from '../imports/ingest-spec';
import { Positioned } from '../ingestion/ingest-outcome';
import { validateRows } from '../ingestion/validate-rows';
import { ListPricesService } from './list-prices.service';

/** How a system.billing.list_prices export (CSV or JSON rows) is validated and stored. */
@Injectable()
export class ListPriceImportSpec implements IngestSpec<ListPrice> {
  readonly kind = 'prices' as const;
  readonly jsonField = 'prices';

  constructor(private readonly prices: ListPricesService) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateRows(rows, normalizeListPrice, 'sku_name', PRICE_TEXT_LIMITS);
  }

  store(
    batch: readonly Positioned<ListPrice>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ) {
    return this.prices.ingest(batch, importId, beforeCommit);
  }
}
