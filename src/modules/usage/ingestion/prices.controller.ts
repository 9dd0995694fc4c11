import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { CsvImportService } from '../imports/csv-import.service';
import { assertCsvUpload, CsvUploadRoute } from '../imports/csv-upload';
import { findImportOrThrow } from '../imports/find-import';
import { ImportResponse } from '../imports/import.dto';
import { ImportsRepository } from '../imports/imports.repository';
import { ListPricesExport } from './exports/list-prices.export';
import { JsonIngestService } from './json-ingest.service';
import { IngestSummary } from './usage-ingest.dto';

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
@ApiTags('prices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/prices')
export class PricesController {
  constructor(
    private readonly listPrices: ListPricesExport,
    private readonly csv: CsvImportService,
    private readonly json: JsonIngestService,
    private readonly imports: ImportsRepository,
  ) {}

  @Post()
  @HttpCode(200)
  @Access('ingest')
  @ApiOperation({
    summary: 'Add list prices (system.billing.list_prices rows, or set by hand in that shape)',
  })
  @ApiBody({ type: ListPricesBody })
  @ApiOkResponse({ type: IngestSummary })
  @ApiProblems(413)
  ingest(@Req() request: Request): Promise<IngestSummary> {
    return this.json.ingest(this.listPrices, request.body);
  }

  @Post('imports')
  @Access('ingest')
  @ApiOperation({ summary: 'Import a system.billing.list_prices CSV export, streamed' })
  @CsvUploadRoute()
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiProblems(409, 415)
  async import(@Req() request: Request): Promise<ImportResponse> {
    return ImportResponse.from(
      await this.csv.run(request, assertCsvUpload(request), this.listPrices),
    );
  }

  @Get('imports/:id')
  @Access('ingest', 'finance')
  @ApiOperation({ summary: 'Progress and summary of a price import' })
  @ApiOkResponse({ type: ImportResponse })
  async getImport(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportResponse> {
    return ImportResponse.from(await findImportOrThrow(this.imports, id, 'prices'));
  }
}
