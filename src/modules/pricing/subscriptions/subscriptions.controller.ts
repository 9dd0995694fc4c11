import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { assertCustomerVisible } from '../../../shared/auth/customer-visibility';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { Clock, CLOCK } from '../../../shared/time/clock';
import {
  PutSubscriptionDto,
  SubscriptionHistoryResponse,
  SubscriptionResponse,
} from './dto/subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Controller('v1/customers/:id/subscription')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put()
  @Access('partner')
  @ApiOperation({
    summary: 'Put a plan version in effect for the customer from an instant on (with overrides)',
  })
  @ApiOkResponse({ type: SubscriptionResponse })
  async put(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PutSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    return SubscriptionResponse.from(
      await this.subscriptions.change(id, {
        planVersionId: body.planVersionId,
        effectiveFrom: body.effectiveFrom,
        overrides: body.overrides ?? null,
      }),
    );
  }

  @Get()
  @Access('partner', 'finance', 'customer')
  @ApiOperation({ summary: 'The plan in effect now and the whole history' })
  @ApiOkResponse({ type: SubscriptionHistoryResponse })
  async get(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SubscriptionHistoryResponse> {
    assertCustomerVisible(principal, id, 'Customer', id);
    const history = await this.subscriptions.history(id);
    const now = this.clock.now();
    const current = history.filter((entry) => entry.effectiveFrom <= now).at(-1) ?? null;
    return {
      current: current ? SubscriptionResponse.from(current) : null,
      history: history.map((entry) => SubscriptionResponse.from(entry)),
    };
  }
}
