import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { CreateQuoteDto, QuoteResponse } from './quote.dto';
import { QuotesService } from './quotes.service';

@ApiTags('pricing')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/pricing/quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @HttpCode(200)
  @Access('partner', 'finance')
  @ApiOperation({
    summary: 'Price a plan (inline or from the catalogue) against given usage; nothing is stored',
  })
  @ApiOkResponse({ type: QuoteResponse })
  quote(@Body() body: CreateQuoteDto): Promise<QuoteResponse> {
    return this.quotes.quote(body);
  }
}
