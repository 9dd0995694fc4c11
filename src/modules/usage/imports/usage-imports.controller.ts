import { Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { UsageImportSpec } from '../ingestion/usage-import-spec';
import { CsvImportService } from './csv-import.service';
import { assertCsvUpload } from './csv-upload';
import { ImportResponse } from './import.dto';
import { ImportsRepository } from './imports.repository';
import { findImportOrThrow } from './find-import';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 415)
@Controller('v1/usage/imports')
export class UsageImportsController {
  constructor(
    private readonly csv: CsvImportService,
    private readonly imports: ImportsRepository,
    private readonly spec: UsageImportSpec,
  ) {}

  @Post()
  @Access('ingest')
  @ApiOperation({
    summary:
      'Import a system.billing.usage CSV export, streamed (any size); returns the import and its summary',
    description:
      'Body: the CSV file itself (`curl -T usage.csv -H "Content-Type: text/csv"`). Each batch of 5,000 lines commits on its own; re-sending a file is safe. 409 `import_interrupted`: the import was marked failed while it ran (no heartbeat for 5 minutes); send the file again.',
  })
  @ApiConsumes('text/csv')
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiProblems(409)
  async create(@Req() request: Request): Promise<ImportResponse> {
    const fileName = assertCsvUpload(request);
    return ImportResponse.from(await this.csv.run(request, fileName, this.spec));
  }

  @Get(':id')
  @Access('ingest', 'finance')
  @ApiOperation({ summary: 'Progress and summary of a usage import' })
  @ApiOkResponse({ type: ImportResponse })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportResponse> {
    return ImportResponse.from(await findImportOrThrow(this.imports, id, 'usage'));
  }
}
