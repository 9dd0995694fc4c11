import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  type Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { CsvImportService } from '../imports/csv-import.service';
import { assertCsvUpload, CsvUploadRoute } from '../imports/csv-upload';
import { findImportOrThrow } from '../imports/find-import';
import { ImportResponse } from '../imports/import.dto';
import type { ImportKind } from '../imports/import.entity';
import { ImportsRepository } from '../imports/imports.repository';
import type { ExportKind } from './export-kind';
import { JsonIngestService } from './json-ingest.service';
import type { KeyedItem } from './keyed-batch';
import { IngestSummary } from './usage-ingest.dto';

/** One Databricks export's three routes: rows as JSON, a CSV export streamed, an import's state. */
export interface ExportRoutesSpec {
  readonly path: string;
  readonly tag: string;
  readonly kind: ImportKind;
  readonly exportKind: Type<ExportKind<object, KeyedItem<object>>>;
  /** The JSON body's schema, for the contract. */
  readonly body: Type<unknown>;
  readonly summaries: {
    readonly ingest: string;
    readonly import: string;
    readonly getImport: string;
  };
}

/**
 * The routes of an export, declared once: `class XController extends ExportRoutes({...}) {}`.
 * The subclass's name makes the operation ids (`X_ingest`, `X_import`, `X_getImport`).
 */
export function ExportRoutes(spec: ExportRoutesSpec) {
  @ApiTags(spec.tag)
  @ApiBearerAuth()
  @ApiProblems(400, 401, 403, 404)
  @Controller(spec.path)
  abstract class ExportRoutesController {
    constructor(
      @Inject(spec.exportKind) private readonly exported: ExportKind<object, KeyedItem<object>>,
      private readonly csv: CsvImportService,
      private readonly json: JsonIngestService,
      private readonly imports: ImportsRepository,
    ) {}

    @Post()
    @HttpCode(200)
    @Access('ingest')
    @ApiOperation({ summary: spec.summaries.ingest })
    @ApiBody({ type: spec.body })
    @ApiOkResponse({ type: IngestSummary })
    @ApiProblems(413)
    ingest(@Req() request: Request): Promise<IngestSummary> {
      return this.json.ingest(this.exported, request.body);
    }

    @Post('imports')
    @Access('ingest')
    @ApiOperation({ summary: spec.summaries.import })
    @CsvUploadRoute()
    @ApiCreatedResponse({ type: ImportResponse })
    @ApiProblems(409, 415)
    async import(@Req() request: Request): Promise<ImportResponse> {
      return ImportResponse.from(
        await this.csv.run(request, assertCsvUpload(request), this.exported),
      );
    }

    @Get('imports/:id')
    @Access('ingest', 'finance')
    @ApiOperation({ summary: spec.summaries.getImport })
    @ApiOkResponse({ type: ImportResponse })
    async getImport(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportResponse> {
      return ImportResponse.from(await findImportOrThrow(this.imports, id, spec.kind));
    }
  }
  return ExportRoutesController;
}
