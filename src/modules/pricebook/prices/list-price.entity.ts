import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Dec } from '../../../shared/money/decimal';
import { numericTransformer } from '../../../shared/money/numeric.transformer';

@Entity('list_prices')
export class ListPriceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'sku_name' }) skuName: string;
  @Column('text') cloud: string;
  @Column('text', { name: 'usage_unit' }) usageUnit: string;
  @Column('char', { name: 'currency_code', length: 3 }) currencyCode: string;
  @Column('timestamptz', { name: 'price_start_time' }) priceStartTime: Date;
  @Column('timestamptz', { name: 'price_end_time', nullable: true }) priceEndTime: Date | null;
  @Column('numeric', { name: 'default_price', transformer: numericTransformer }) defaultPrice: Dec;
  @Column('numeric', { name: 'promotional_price', nullable: true, transformer: numericTransformer })
  promotionalPrice: Dec | null;
  @Column('numeric', { name: 'effective_list_price', transformer: numericTransformer })
  effectiveListPrice: Dec;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
