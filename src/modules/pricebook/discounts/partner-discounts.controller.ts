import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { CreatePartnerDiscountDto, PartnerDiscountResponse } from './partner-discounts.dto';
import { PartnerDiscountsService } from './partner-discounts.service';

@ApiTags('prices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/partner-discounts')
export class PartnerDiscountsController {
  constructor(private readonly discounts: PartnerDiscountsService) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary:
      'Set the partner’s Databricks discount from an instant on; partner cost is recomputed from then',
  })
  @ApiCreatedResponse({ type: PartnerDiscountResponse })
  @ApiProblems(409)
  create(@Body() body: CreatePartnerDiscountDto): Promise<PartnerDiscountResponse> {
    return this.discounts.create(body);
  }

  @Get()
  @Access('finance', 'partner')
  @ApiOperation({ summary: 'The partner’s discounts over time' })
  @ApiOkResponse({ type: [PartnerDiscountResponse] })
  list(): Promise<PartnerDiscountResponse[]> {
    return this.discounts.list();
  }
}
