import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
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

  findById(id: string, manager?: EntityManager): Promise<CustomerEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.customers.manager.transaction(work);
  }

  async update(
    id: string,
    fields: Partial<CustomerFields>,
    at: Date,
    manager?: EntityManager,
  ): Promise<CustomerEntity | null> {
    const result = await this.repo(manager).update({ id }, { ...fields, updatedAt: at });
    return result.affected ? this.findById(id, manager) : null;
  }

  private repo(manager?: EntityManager): Repository<CustomerEntity> {
    return manager ? manager.getRepository(CustomerEntity) : this.customers;
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
