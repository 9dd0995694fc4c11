import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { sqlState, UNIQUE_VIOLATION } from '../../../shared/database/sql-state';
import { conflict } from '../../../shared/errors/domain-error';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { parseDecimal } from '../../../shared/money/decimal';
import { PartnerDiscountEntity } from './partner-discount.entity';
import { CreatePartnerDiscountDto, PartnerDiscountResponse } from './partner-discounts.dto';

/**
 * The partner's Databricks discount over time. A new one re-prices the partner cost of the
 * usage from its instant on (through the attribution change it announces).
 */
@Injectable()
export class PartnerDiscountsService {
  constructor(
    @InjectRepository(PartnerDiscountEntity)
    private readonly discounts: Repository<PartnerDiscountEntity>,
    private readonly events: EventEmitter2,
  ) {}

  async create(body: CreatePartnerDiscountDto): Promise<PartnerDiscountResponse> {
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

  async list(): Promise<PartnerDiscountResponse[]> {
    const all = await this.discounts.find({ order: { effectiveFrom: 'ASC' } });
    return all.map((d) => PartnerDiscountResponse.from(d));
  }
}
