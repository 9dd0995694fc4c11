import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { IsCalendarDay } from '../../../shared/validation/is-calendar-day.decorator';
import { Optional } from '../../../shared/validation/optional.decorator';

export const MAX_DAYS = 366;

export class DailyUsageQuery extends PageQueryDto {
  @ApiProperty({
    format: 'date',
    example: '2025-06-01',
    description:
      "Required. The first day, included: a calendar day in each customer's billing time zone (YYYY-MM-DD)",
  })
  @IsCalendarDay()
  from: string;

  @ApiProperty({
    format: 'date',
    example: '2025-07-01',
    description: `Required. The day after the last, excluded (YYYY-MM-DD); at most ${MAX_DAYS} days after from`,
  })
  @IsCalendarDay()
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this customer' })
  @Optional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Only this room (central_clean_room_id), under each customer that owned it',
  })
  @Optional()
  @Matches(/^[0-9a-fA-F-]{36}$/, { message: '$property must be a central_clean_room_id (uuid)' })
  roomId?: string;
}

export class DailyUsageResponse {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({
    format: 'date',
    description:
      "Calendar day in the customer's billing time zone (timeZone): the hours that start in it",
  })
  day: string;
  @ApiProperty({ example: 'America/New_York', description: "The customer's billing time zone" })
  timeZone: string;
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

export class DailyUsagePage {
  @ApiProperty({
    type: [DailyUsageResponse],
    description: 'By day, then customer, room, trigger, SKU and currency',
  })
  data: DailyUsageResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
