import { Body, Controller, Get, Post } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Access } from '../../../shared/auth/access.decorator';
import { sqlState, UNIQUE_VIOLATION } from '../../../shared/database/sql-state';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { conflict } from '../../../shared/errors/domain-error';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { formatDecimal, parseDecimal } from '../../../shared/money/decimal';
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

@ApiTags('prices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/partner-discounts')
export class PartnerDiscountsController {
  constructor(
    @InjectRepository(PartnerDiscountEntity)
    private readonly discounts: Repository<PartnerDiscountEntity>,
    private readonly events: EventEmitter2,
  ) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary:
      'Set the partner’s Databricks discount from an instant on; partner cost is recomputed from then',
  })
  @ApiCreatedResponse({ type: PartnerDiscountResponse })
  @ApiProblems(409)
  async create(@Body() body: CreatePartnerDiscountDto): Promise<PartnerDiscountResponse> {
    const saved = await this.discounts
      .save(
        this.discounts.create({ rate: parseDecimal(body.rate), effectiveFrom: body.effectiveFrom }),
      )
      .catch((error: unknown) => {
        if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
        throw conflict('already_exists', 'A discount already starts at that instant');
      });
    const change: AttributionInputsChanged = { kind: 'discount_changed', from: body.effectiveFrom };
    await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
    return PartnerDiscountResponse.from(saved);
  }

  @Get()
  @Access('finance', 'partner')
  @ApiOperation({ summary: 'The partner’s discounts over time' })
  @ApiOkResponse({ type: [PartnerDiscountResponse] })
  async list(): Promise<PartnerDiscountResponse[]> {
    const all = await this.discounts.find({ order: { effectiveFrom: 'ASC' } });
    return all.map((d) => PartnerDiscountResponse.from(d));
  }
}
