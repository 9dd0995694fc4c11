import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { formatDecimal } from '../../../shared/money/decimal';
import { Optional } from '../../../shared/validation/optional.decorator';
import { ListPriceEntity } from './list-price.entity';

export class ListPricesQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA' })
  @Optional()
  @IsString()
  @MaxLength(200)
  skuName?: string;
}

export class ListPriceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() skuName: string;
  @ApiProperty() cloud: string;
  @ApiProperty() usageUnit: string;
  @ApiProperty() currencyCode: string;
  @ApiProperty({ format: 'date-time' }) priceStartTime: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) priceEndTime: string | null;
  @ApiProperty({ type: 'string', format: 'decimal' }) defaultPrice: string;
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true }) promotionalPrice:
    string | null;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Used for list cost' })
  effectiveListPrice: string;

  static from(p: ListPriceEntity): ListPriceResponse {
    return {
      id: p.id,
      skuName: p.skuName,
      cloud: p.cloud,
      usageUnit: p.usageUnit,
      currencyCode: p.currencyCode,
      priceStartTime: p.priceStartTime.toISOString(),
      priceEndTime: p.priceEndTime ? p.priceEndTime.toISOString() : null,
      defaultPrice: formatDecimal(p.defaultPrice),
      promotionalPrice: p.promotionalPrice ? formatDecimal(p.promotionalPrice) : null,
      effectiveListPrice: formatDecimal(p.effectiveListPrice),
    };
  }
}

export class ListPricePage {
  @ApiProperty({ type: [ListPriceResponse] }) data: ListPriceResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
