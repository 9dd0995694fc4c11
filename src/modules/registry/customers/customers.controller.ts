import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
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
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import {
  CreateCustomerDto,
  CustomerPage,
  CustomerResponse,
  ListCustomersQuery,
  UpdateCustomerDto,
} from './dto/customer.dto';
import { CustomersService } from './customers.service';

const READERS = ['finance', 'partner', 'customer'] as const;

@ApiTags('customers')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Register a customer' })
  @ApiCreatedResponse({ type: CustomerResponse })
  async create(@Body() body: CreateCustomerDto): Promise<CustomerResponse> {
    return CustomerResponse.from(await this.customers.create(body));
  }

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: 'List customers (a customer key sees only its own)' })
  @ApiOkResponse({ type: CustomerPage })
  async list(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: ListCustomersQuery,
  ): Promise<CustomerPage> {
    const page = await this.customers.list(
      principal,
      { nameContains: query.name, currency: query.currency },
      query,
    );
    return { data: page.items.map((c) => CustomerResponse.from(c)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access(...READERS)
  @ApiOperation({ summary: 'Get a customer' })
  @ApiOkResponse({ type: CustomerResponse })
  async get(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<CustomerResponse> {
    return CustomerResponse.from(await this.customers.findVisibleOrThrow(principal, id));
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({ summary: 'Change a customer’s name, billing time zone or Stripe id' })
  @ApiOkResponse({ type: CustomerResponse })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerResponse> {
    return CustomerResponse.from(await this.customers.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({ summary: 'Delete a customer that nothing refers to yet' })
  @ApiNoContentResponse()
  @ApiProblems(409)
  async delete(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.customers.delete(id);
  }
}
