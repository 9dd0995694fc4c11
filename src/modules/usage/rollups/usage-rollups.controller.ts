import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { badRequest } from '../../../shared/errors/domain-error';
import { D, formatDecimal } from '../../../shared/money/decimal';
import { daysBetween } from '../../../shared/time/calendar-day';
import { DailyUsagePage, DailyUsageQuery, MAX_DAYS } from './daily-usage.dto';
import { UsageRollupsRepository } from './usage-rollups.repository';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/usage/daily')
export class UsageRollupsController {
  constructor(private readonly rollups: UsageRollupsRepository) {}

  @Get()
  @Access('finance', 'partner')
  @ApiOperation({
    summary: 'Attributed usage and cost per day, room, trigger and SKU (exact, net of corrections)',
    description:
      "`from` and `to` are required: calendar days (`?from=2025-06-01&to=2025-07-01` is June), each customer's in its billing time zone. " +
      'Paged with `limit` and the `nextCursor` of the previous page. 400 `invalid_window`: `to` is not after `from`, or more than 366 days after it.',
  })
  @ApiOkResponse({ type: DailyUsagePage })
  async daily(@Query() query: DailyUsageQuery): Promise<DailyUsagePage> {
    const days = daysBetween(query.from, query.to);
    if (days <= 0 || days > MAX_DAYS) {
      throw badRequest(
        'invalid_window',
        `to must be after from, and at most ${MAX_DAYS} days after it`,
      );
    }
    const page = await this.rollups.daily(
      {
        customerId: query.customerId,
        roomId: query.roomId?.toLowerCase(),
        from: query.from,
        to: query.to,
      },
      query,
    );
    return {
      data: page.items.map((r) => ({
        customerId: r.customer_id,
        day: r.day,
        timeZone: r.time_zone,
        roomId: r.room_id,
        trigger: r.trigger,
        skuName: r.sku_name,
        currency: r.currency,
        dbu: formatDecimal(new D(r.dbu)),
        listCost: formatDecimal(new D(r.list_cost)),
        partnerCost: formatDecimal(new D(r.partner_cost)),
        records: r.records,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
