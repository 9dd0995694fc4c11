import { Injectable } from '@nestjs/common';
import { badRequest } from '../../../shared/errors/domain-error';
import { D, formatDecimal } from '../../../shared/money/decimal';
import { daysBetween } from '../../../shared/time/calendar-day';
import { DailyUsagePage, DailyUsageQuery, MAX_DAYS } from './daily-usage.dto';
import { UsageRollupsRepository } from './usage-rollups.repository';

/** Attributed usage per day, read from the hourly rollups, amounts as exact decimal strings. */
@Injectable()
export class UsageRollupsService {
  constructor(private readonly rollups: UsageRollupsRepository) {}

  async daily(query: DailyUsageQuery): Promise<DailyUsagePage> {
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
