import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import {
  CreateNotebookReleaseDto,
  ListNotebookReleasesQuery,
  NotebookReleaseDetail,
  NotebookReleasePage,
  NotebookReleaseResponse,
} from './notebook-release.dto';
import { NotebookReleasesService } from './notebook-releases.service';

@ApiTags('fleet')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/notebook-releases')
export class NotebookReleasesController {
  constructor(private readonly releases: NotebookReleasesService) {}

  @Post()
  @Access('partner')
  @ApiOperation({
    summary: 'Release a notebook version: every room should run it by the cutover',
    description:
      '400 `validation_failed` for an empty notebook name or etag, a bad instant, or a cutover before the release ' +
      '(`cutoverAt: before_release`); 409 `already_exists` when this etag of the notebook is already released.',
  })
  @ApiCreatedResponse({ type: NotebookReleaseResponse })
  @ApiProblems(409)
  async create(@Body() body: CreateNotebookReleaseDto): Promise<NotebookReleaseResponse> {
    return NotebookReleaseResponse.from(
      await this.releases.create({
        notebookName: body.notebookName,
        etag: body.etag,
        releasedAt: body.releasedAt,
        cutoverAt: body.cutoverAt,
      }),
    );
  }

  @Get()
  @Access('partner', 'finance')
  @ApiOperation({ summary: 'List notebook releases, newest first' })
  @ApiOkResponse({ type: NotebookReleasePage })
  async list(@Query() query: ListNotebookReleasesQuery): Promise<NotebookReleasePage> {
    const page = await this.releases.list({ notebookName: query.notebookName }, query);
    return {
      data: page.items.map((r) => NotebookReleaseResponse.from(r)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Access('partner', 'finance')
  @ApiOperation({
    summary:
      'A release, and per customer which rooms run the released etag and which still run older ones',
    description:
      "Each room's status against the release (see `status`), its first run on the released etag and its latest run of the " +
      'notebook, grouped by the owner now; counts per customer and over all.',
  })
  @ApiOkResponse({ type: NotebookReleaseDetail })
  @ApiProblems(404)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<NotebookReleaseDetail> {
    return this.releases.detailOrThrow(id);
  }
}
