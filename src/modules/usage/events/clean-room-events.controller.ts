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
import { JsonIngestService } from '../ingestion/json-ingest.service';
import { IngestSummary } from '../ingestion/usage-ingest.dto';
import { CleanRoomEventsExport } from '../ingestion/exports/clean-room-events.export';

export class CleanRoomEventsBody {
  @ApiProperty({
    type: 'array',
    maxItems: 10000,
    items: { type: 'object', additionalProperties: true },
    description: 'Rows of system.access.clean_room_events, nested or with dotted names',
  })
  events: object[];
}

@ApiTags('clean-room-events')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/clean-room-events')
export class CleanRoomEventsController {
  constructor(
    private readonly events: CleanRoomEventsExport,
    private readonly csv: CsvImportService,
    private readonly json: JsonIngestService,
    private readonly imports: ImportsRepository,
  ) {}

  @Post()
  @HttpCode(200)
  @Access('ingest')
  @ApiOperation({
    summary: 'Ingest clean-room events (runs, notebook versions); idempotent by event_id',
  })
  @ApiBody({ type: CleanRoomEventsBody })
  @ApiOkResponse({ type: IngestSummary })
  @ApiProblems(413)
  ingest(@Req() request: Request): Promise<IngestSummary> {
    return this.json.ingest(this.events, request.body);
  }

  @Post('imports')
  @Access('ingest')
  @ApiOperation({ summary: 'Import a system.access.clean_room_events CSV export, streamed' })
  @CsvUploadRoute()
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiProblems(409, 415)
  async import(@Req() request: Request): Promise<ImportResponse> {
    return ImportResponse.from(await this.csv.run(request, assertCsvUpload(request), this.events));
  }

  @Get('imports/:id')
  @Access('ingest', 'finance')
  @ApiOperation({ summary: 'Progress and summary of an events import' })
  @ApiOkResponse({ type: ImportResponse })
  async getImport(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportResponse> {
    return ImportResponse.from(await findImportOrThrow(this.imports, id, 'events'));
  }
}
