import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { IngestSummary, UsageRecordsBody } from './usage-ingest.dto';
import { UsageExport } from './exports/usage.export';
import { JsonIngestService } from './json-ingest.service';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 413)
@Controller('v1/usage')
export class UsageController {
  constructor(
    private readonly usage: UsageExport,
    private readonly json: JsonIngestService,
  ) {}

  @Post()
  @HttpCode(200)
  @Access('ingest')
  @ApiOperation({
    summary:
      'Ingest usage rows (up to 10,000): all accepted records are committed together, or none',
  })
  @ApiBody({ type: UsageRecordsBody })
  @ApiOkResponse({ type: IngestSummary })
  ingest(@Req() request: Request): Promise<IngestSummary> {
    return this.json.ingest(this.usage, request.body);
  }
}
