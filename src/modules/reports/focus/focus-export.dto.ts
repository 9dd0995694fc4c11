import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { PERIOD_KEY_PATTERN } from '../../../shared/time/billing-period';
import { Optional } from '../../../shared/validation/optional.decorator';

export class FocusExportQuery {
  @ApiProperty({
    example: '2025-09',
    description: "Required. The billing month (YYYY-MM), in each customer's billing time zone",
  })
  @Matches(PERIOD_KEY_PATTERN, { message: '$property must be a month such as 2025-09' })
  period: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only this customer; without it, every customer with an issued invoice or credit note in the period (a customer key: its own)',
  })
  @Optional()
  @IsUUID()
  customerId?: string;
}
