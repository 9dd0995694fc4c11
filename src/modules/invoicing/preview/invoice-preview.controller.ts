import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { InvoicePreviewResponse, PreviewQuery } from './invoice-preview.dto';
import { InvoicePreviewService } from './invoice-preview.service';

@ApiTags('invoices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Controller('v1/customers/:id/invoices/preview')
export class InvoicePreviewController {
  constructor(private readonly previews: InvoicePreviewService) {}

  @Get()
  @Access('partner', 'finance')
  @ApiOperation({
    summary:
      'Any period not invoiced yet, drafted as a close would draft it now (the period to date if it has not ended)',
  })
  @ApiOkResponse({ type: InvoicePreviewResponse })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PreviewQuery,
  ): Promise<InvoicePreviewResponse> {
    return this.previews.preview(id, query.period);
  }
}
