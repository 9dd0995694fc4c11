import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { containsPattern } from '../../../shared/database/escape-like';
import { keysetPage, Page, PageRequest } from '../../../shared/database/keyset-page';
import { CustomerEntity } from './customer.entity';

export interface CustomerFilter {
  readonly nameContains?: string;
  readonly currency?: string;
  /** A customer key sees only its own customer. */
  readonly onlyId?: string;
}

export type CustomerFields = Pick<
  CustomerEntity,
  'name' | 'currency' | 'billingTimeZone' | 'stripeCustomerId'
>;

@Injectable()
export class CustomersRepository {
  constructor(
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
  ) {}

  async insert(fields: CustomerFields): Promise<CustomerEntity> {
    const result = await this.customers.insert(fields);
    return this.customers.findOneByOrFail({ id: String(result.identifiers[0].id) });
  }

  findById(id: string): Promise<CustomerEntity | null> {
    return this.customers.findOneBy({ id });
  }

  async update(
    id: string,
    fields: Partial<CustomerFields>,
    at: Date,
  ): Promise<CustomerEntity | null> {
    const result = await this.customers.update({ id }, { ...fields, updatedAt: at });
    return result.affected ? this.findById(id) : null;
  }

  /** Whether any plan was ever put in effect for the customer. */
  async hasPlans(id: string): Promise<boolean> {
    const rows: unknown[] = await this.customers.query(
      'SELECT 1 FROM subscriptions WHERE customer_id = $1 LIMIT 1',
      [id],
    );
    return rows.length > 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.customers.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  page(filter: CustomerFilter, request: PageRequest): Promise<Page<CustomerEntity>> {
    const query = this.customers.createQueryBuilder('c');
    if (filter.onlyId !== undefined) query.andWhere('c.id = :onlyId', { onlyId: filter.onlyId });
    if (filter.currency !== undefined)
      query.andWhere('c.currency = :currency', { currency: filter.currency });
    if (filter.nameContains !== undefined) {
      query.andWhere(`c.name ILIKE :name ESCAPE '\\'`, {
        name: containsPattern(filter.nameContains),
      });
    }
    return keysetPage(query, 'c', request);
  }
}
