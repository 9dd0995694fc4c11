import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { UsageExport } from '../ingestion/exports/usage.export';
import { CsvImportService } from './csv-import.service';
import { assertCsvUpload, CsvUploadRoute } from './csv-upload';
import { ImportPage, ImportResponse, ImportSummaryResponse, ListImportsQuery } from './import.dto';
import { ImportEntity } from './import.entity';
import { ImportsRepository } from './imports.repository';
import { findImportOrThrow } from './find-import';
import { pageOfImports } from './imports-page';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 415)
@Controller('v1/usage/imports')
export class UsageImportsController {
  constructor(
    private readonly csv: CsvImportService,
    private readonly imports: ImportsRepository,
    private readonly usage: UsageExport,
    @InjectRepository(ImportEntity) private readonly importRows: Repository<ImportEntity>,
  ) {}

  @Post()
  @Access('ingest')
  @ApiOperation({
    summary:
      'Import a system.billing.usage CSV export, streamed (any size); returns the import and its summary',
    description:
      'Body: the CSV file itself (`curl -T usage.csv -H "Content-Type: text/csv"`). Each batch of 5,000 lines commits on its own; re-sending a file is safe. 409 `import_interrupted`: the import was marked failed while it ran (no heartbeat for 5 minutes); send the file again.',
  })
  @CsvUploadRoute()
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiProblems(409)
  async create(@Req() request: Request): Promise<ImportResponse> {
    const fileName = assertCsvUpload(request);
    return ImportResponse.from(await this.csv.run(request, fileName, this.usage));
  }

  @Get()
  @Access('ingest', 'finance')
  @ApiOperation({
    summary: 'Imports of every kind (usage, prices, events), newest first, with their counts',
    description:
      'Filter with `kind` and `status`; page with `limit` and the `nextCursor` of the previous page. ' +
      "An import's problems are at its own route (`GET /v1/usage/imports/{id}`, `/v1/prices/imports/{id}`, `/v1/clean-room-events/imports/{id}`).",
  })
  @ApiOkResponse({ type: ImportPage })
  async list(@Query() query: ListImportsQuery): Promise<ImportPage> {
    const page = await pageOfImports(
      this.importRows,
      { kind: query.kind, status: query.status },
      query,
    );
    return {
      data: page.items.map((row) => ImportSummaryResponse.fromEntity(row)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Access('ingest', 'finance')
  @ApiOperation({ summary: 'Progress and summary of a usage import' })
  @ApiOkResponse({ type: ImportResponse })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportResponse> {
    return ImportResponse.from(await findImportOrThrow(this.imports, id, 'usage'));
  }
}
