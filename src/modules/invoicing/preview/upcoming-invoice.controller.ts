import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { assertCustomerVisible } from '../../../shared/auth/customer-visibility';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { UpcomingWithCorrectionsResponse } from './invoice-preview.dto';
import { InvoicePreviewService } from './invoice-preview.service';

@ApiTags('invoices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/customers/:id/invoices/upcoming')
export class UpcomingInvoiceController {
  constructor(private readonly previews: InvoicePreviewService) {}

  @Get()
  @Access('partner', 'finance', 'customer')
  @ApiOperation({
    summary:
      'The current period rated to date, by the same code as the invoice will be, with the corrections of earlier periods it would carry',
  })
  @ApiOkResponse({ type: UpcomingWithCorrectionsResponse })
  get(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UpcomingWithCorrectionsResponse> {
    assertCustomerVisible(principal, id, 'Customer', id);
    return this.previews.upcoming(id);
  }
}
