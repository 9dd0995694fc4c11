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
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import {
  CreatePlanDto,
  PlanPage,
  PlanResponse,
  PlanSummaryResponse,
  PlanVersionParametersDto,
  PlanVersionResponse,
} from './dto/plan.dto';
import { PlansService, PlanWithVersions } from './plans.service';

const toResponse = ({ plan, versions }: PlanWithVersions): PlanResponse => ({
  ...PlanSummaryResponse.from(plan),
  versions: versions.map((version) => PlanVersionResponse.from(version)),
});

@ApiTags('plans')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Access('partner')
  @ApiOperation({
    summary: 'Create a plan and its version 1 (pass_through, bundled and hybrid fill the charges)',
  })
  @ApiCreatedResponse({ type: PlanResponse })
  async create(@Body() body: CreatePlanDto): Promise<PlanResponse> {
    const { name, model, currency, ...parameters } = body;
    return toResponse(await this.plans.create({ name, model, currency }, parameters));
  }

  @Get()
  @Access('partner', 'finance')
  @ApiOperation({ summary: 'List plans' })
  @ApiOkResponse({ type: PlanPage })
  async list(@Query() query: PageQueryDto): Promise<PlanPage> {
    const page = await this.plans.list(query);
    return {
      data: page.items.map((plan) => PlanSummaryResponse.from(plan)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Access('partner', 'finance')
  @ApiOperation({ summary: 'Get a plan with all its versions' })
  @ApiOkResponse({ type: PlanResponse })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PlanResponse> {
    return toResponse(await this.plans.get(id));
  }

  @Post(':id/versions')
  @Access('partner')
  @ApiOperation({
    summary: 'Add a version (existing versions never change; subscriptions move to it explicitly)',
  })
  @ApiCreatedResponse({ type: PlanVersionResponse })
  async addVersion(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PlanVersionParametersDto,
  ): Promise<PlanVersionResponse> {
    return PlanVersionResponse.from(await this.plans.addVersion(id, body));
  }
}
