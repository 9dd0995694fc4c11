import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsUUID, Matches } from 'class-validator';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { badRequest } from '../../../shared/errors/domain-error';
import { D, formatDecimal } from '../../../shared/money/decimal';
import { Optional } from '../../../shared/validation/optional.decorator';
import { UsageRollupsRepository } from './usage-rollups.repository';

const MAX_WINDOW_MS = 366 * 24 * 3_600_000;

export class DailyUsageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'central_clean_room_id' })
  @Optional()
  @Matches(/^[0-9a-fA-F-]{36}$/, { message: '$property must be a central_clean_room_id (uuid)' })
  roomId?: string;
  @ApiProperty({ format: 'date-time' }) @Type(() => Date) @IsDate() from: Date;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  @Type(() => Date)
  @IsDate()
  to: Date;
}

export class DailyUsageResponse {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'date', description: 'UTC day' }) day: string;
  @ApiProperty() roomId: string;
  @ApiProperty({
    enum: ['partner', 'customer'],
    description: 'Who triggered (and so paid Databricks for) the usage',
  })
  trigger: string;
  @ApiProperty() skuName: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) dbu: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) listCost: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) partnerCost: string;
  @ApiProperty({ description: 'Usage rows behind the figures (retractions count too)' })
  records: number;
}

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
  })
  @ApiOkResponse({ type: [DailyUsageResponse] })
  async daily(@Query() query: DailyUsageQuery): Promise<DailyUsageResponse[]> {
    const span = query.to.getTime() - query.from.getTime();
    if (span <= 0 || span > MAX_WINDOW_MS) {
      throw badRequest('invalid_window', 'to must be after from, and the window at most 366 days');
    }
    const rows = await this.rollups.daily({
      customerId: query.customerId,
      roomId: query.roomId?.toLowerCase(),
      from: query.from,
      to: query.to,
    });
    return rows.map((r) => ({
      customerId: r.customer_id,
      day: r.day,
      roomId: r.room_id,
      trigger: r.trigger,
      skuName: r.sku_name,
      currency: r.currency,
      dbu: formatDecimal(new D(r.dbu)),
      listCost: formatDecimal(new D(r.list_cost)),
      partnerCost: formatDecimal(new D(r.partner_cost)),
      records: r.records,
    }));
  }
}
