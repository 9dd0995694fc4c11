import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { keysetPage } from '../../../shared/database/keyset-page';
import { ListPriceEntity } from './list-price.entity';
import { ListPricePage, ListPriceResponse, ListPricesQuery } from './prices.dto';

/**
 * The price book as stored (usage's ListPricesExport feeds it through ListPriceRecorder), a page
 * at a time.
 */
@Injectable()
export class ListPricesService {
  constructor(
    @InjectRepository(ListPriceEntity) private readonly prices: Repository<ListPriceEntity>,
  ) {}

  async page(query: ListPricesQuery): Promise<ListPricePage> {
    const builder = this.prices.createQueryBuilder('p');
    if (query.skuName !== undefined) builder.where('p.sku_name = :sku', { sku: query.skuName });
    const page = await keysetPage(builder, 'p', query);
    return { data: page.items.map((p) => ListPriceResponse.from(p)), nextCursor: page.nextCursor };
  }
}
