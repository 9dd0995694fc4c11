import { ApiProperty } from '@nestjs/swagger';
import { formatDecimal } from '../../../shared/money/decimal';
import { IsDateTime } from '../../../shared/validation/is-date-time.decorator';
import { IsDecimalString } from '../../../shared/validation/is-decimal-string.decorator';
import { PartnerDiscountEntity } from './partner-discount.entity';

export class CreatePartnerDiscountDto {
  @IsDecimalString({
    pattern: /^0(\.\d{1,8})?$/,
    message: '$property must be a decimal string from 0 to below 1, e.g. "0.15"',
    example: '0.15',
    description: 'Fraction off list price, 0 ≤ rate < 1',
  })
  rate: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  effectiveFrom: Date;
}

export class PartnerDiscountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) rate: string;
  @ApiProperty({ format: 'date-time' }) effectiveFrom: string;

  static from(d: PartnerDiscountEntity): PartnerDiscountResponse {
    return { id: d.id, rate: formatDecimal(d.rate), effectiveFrom: d.effectiveFrom.toISOString() };
  }
}
