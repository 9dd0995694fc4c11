import { ApiProperty } from '@nestjs/swagger';
import { ExportRoutes } from './export-routes';
import { ListPricesExport } from './exports/list-prices.export';

export class ListPricesBody {
  @ApiProperty({
    type: 'array',
    maxItems: 10000,
    items: { type: 'object', additionalProperties: true },
    description:
      'Rows of system.billing.list_prices, nested (pricing.effective_list.default) or with dotted names',
  })
  prices: object[];
}

/**
 * The Databricks list-prices export into the price book, through usage's ingestion pipeline.
 * The price book itself is read at GET /v1/prices, pricebook's PricesController; both classes are
 * named PricesController so that their operations keep the contract's `Prices_…` ids.
 */
export class PricesController extends ExportRoutes({
  path: 'v1/prices',
  tag: 'prices',
  kind: 'prices',
  exportKind: ListPricesExport,
  body: ListPricesBody,
  summaries: {
    ingest: 'Add list prices (system.billing.list_prices rows, or set by hand in that shape)',
    import: 'Import a system.billing.list_prices CSV export, streamed',
    getImport: 'Progress and summary of a price import',
  },
}) {}
