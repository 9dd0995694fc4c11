import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersService } from '../../registry/customers/customers.service';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { billingPeriodContaining } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { UpcomingInvoiceResponse } from './dto/upcoming-invoice.dto';
import { PeriodRatingService } from './period-rating.service';

@ApiTags('invoices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/customers/:id/invoices/upcoming')
export class UpcomingInvoiceController {
  constructor(
    private readonly customers: CustomersService,
    private readonly rating: PeriodRatingService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Access('partner', 'finance', 'customer')
  @ApiOperation({
    summary: 'The current period rated to date, by the same code as the invoice will be',
  })
  @ApiOkResponse({ type: UpcomingInvoiceResponse })
  async get(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UpcomingInvoiceResponse> {
    const customer = await this.customers.findVisibleOrThrow(principal, id);
    const now = this.clock.now();
    const period = billingPeriodContaining(now, customer.billingTimeZone);
    return UpcomingInvoiceResponse.from(await this.rating.rate(customer.id, period), now);
  }
}
