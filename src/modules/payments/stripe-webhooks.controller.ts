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
  @ApiProperty({
    enum: ['applied', 'duplicate', 'ignored'],
    description:
      '`ignored`: a type we do not act on, a Stripe invoice that is none of ours (or whose ' +
      'invoice cannot make that move); acknowledged so Stripe does not retry it, nothing changes',
  })
  outcome: string;
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
    description:
      'An event moves one of our invoices only when its `data.object.id` is the Stripe invoice ' +
      'id recorded when that invoice was pushed; `metadata` is not trusted. 400 ' +
      '`invalid_signature`: the Stripe-Signature header does not sign the raw body, or its ' +
      'timestamp is more than 300 s from the server clock, either way. 400 `malformed_event`: ' +
      'a correctly signed body that is not an event (not a JSON object, no string `id` or ' +
      '`type`, no object `data.object`, or an invoice event whose object has no `id`). An ' +
      'event id seen before answers 200 `duplicate` and changes nothing.',
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
