import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { DailyUsagePage, DailyUsageQuery } from './daily-usage.dto';
import { UsageRollupsService } from './usage-rollups.service';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/usage/daily')
export class UsageRollupsController {
  constructor(private readonly rollups: UsageRollupsService) {}

  @Get()
  @Access('finance', 'partner')
  @ApiOperation({
    summary: 'Attributed usage and cost per day, room, trigger and SKU (exact, net of corrections)',
    description:
      "`from` and `to` are required: calendar days (`?from=2025-06-01&to=2025-07-01` is June), each customer's in its billing time zone. " +
      'Paged with `limit` and the `nextCursor` of the previous page. 400 `invalid_window`: `to` is not after `from`, or more than 366 days after it.',
  })
  @ApiOkResponse({ type: DailyUsagePage })
  daily(@Query() query: DailyUsageQuery): Promise<DailyUsagePage> {
    return this.rollups.daily(query);
  }
}
