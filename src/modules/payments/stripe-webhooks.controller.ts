import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../../shared/auth/access.decorator';
import { ApiProblems } from '../../shared/errors/api-problems.decorator';
import { badRequest } from '../../shared/errors/domain-error';
import type { RawBodyRequest } from '../../shared/http/body-parsers';
import { PaymentEventsService } from './payment-events.service';

export class WebhookResponse {
  @ApiProperty() eventId: string;
  @ApiProperty() type: string;
  @ApiProperty({ enum: ['applied', 'duplicate', 'ignored'] }) outcome: string;
}

@ApiTags('payments')
@ApiProblems(400, 503)
@Controller('v1/webhooks/stripe')
export class StripeWebhooksController {
  constructor(private readonly events: PaymentEventsService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Stripe webhooks, verified on the raw body: invoice.paid, invoice.voided, invoice.marked_uncollectible',
  })
  @ApiOkResponse({ type: WebhookResponse })
  receive(
    @Req() request: RawBodyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookResponse> {
    if (!request.rawBody) throw badRequest('invalid_body', 'A Stripe event is a JSON body');
    return this.events.receive(request.rawBody, signature);
  }
}
