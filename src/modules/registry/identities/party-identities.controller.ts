import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { Access } from '../../../shared/auth/access.decorator';
import {
  CreateIdentityDto,
  IdentityPage,
  IdentityResponse,
  ListIdentitiesQuery,
} from './dto/identity.dto';
import { PartyIdentitiesService } from './party-identities.service';

@ApiTags('identities')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/identities')
export class PartyIdentitiesController {
  constructor(private readonly identities: PartyIdentitiesService) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary:
      'Register a Databricks account, sharing identifier or principal of the partner or a customer',
  })
  @ApiCreatedResponse({ type: IdentityResponse })
  @ApiProblems(409)
  async create(@Body() body: CreateIdentityDto): Promise<IdentityResponse> {
    return IdentityResponse.from(await this.identities.register(body));
  }

  @Get()
  @Access('finance', 'partner')
  @ApiOperation({ summary: 'List registered identities' })
  @ApiOkResponse({ type: IdentityPage })
  async list(@Query() query: ListIdentitiesQuery): Promise<IdentityPage> {
    const { limit, cursor, ...filter } = query;
    const page = await this.identities.list(filter, { limit, cursor });
    return { data: page.items.map((i) => IdentityResponse.from(i)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access('finance', 'partner')
  @ApiOperation({ summary: 'Get an identity' })
  @ApiOkResponse({ type: IdentityResponse })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<IdentityResponse> {
    return IdentityResponse.from(await this.identities.findOrThrow(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({ summary: 'Remove an identity' })
  @ApiNoContentResponse()
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.identities.remove(id);
  }
}
