import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { ConflictPage, ConflictsQuery } from './conflicts.dto';
import { ConflictsService } from './conflicts.service';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/usage/conflicts')
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  @Get()
  @Access('ingest', 'finance')
  @ApiOperation({
    summary: 'Records sent again under a known key with other content (the first version is kept)',
  })
  @ApiOkResponse({ type: ConflictPage })
  list(@Query() query: ConflictsQuery): Promise<ConflictPage> {
    return this.conflicts.page(query);
  }
}
