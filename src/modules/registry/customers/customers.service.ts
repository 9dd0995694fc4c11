import { Inject, Injectable } from '@nestjs/common';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { assertCustomerVisible } from '../../../shared/auth/customer-visibility';
import { isReferenceViolation, sqlState } from '../../../shared/database/sql-state';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { conflict, notFound } from '../../../shared/errors/domain-error';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CustomerEntity } from './customer.entity';
import { CustomerFields, CustomerFilter, CustomersRepository } from './customers.repository';

export interface NewCustomer {
  readonly name: string;
  readonly currency: string;
  readonly billingTimeZone?: string;
  readonly stripeCustomerId?: string;
}

@Injectable()
export class CustomersService {
  constructor(
    private readonly repository: CustomersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  create(input: NewCustomer): Promise<CustomerEntity> {
    return this.repository.insert({
      name: input.name,
      currency: input.currency,
      billingTimeZone: input.billingTimeZone ?? 'UTC',
      stripeCustomerId: input.stripeCustomerId ?? null,
    });
  }

  async findVisibleOrThrow(principal: AuthPrincipal, id: string): Promise<CustomerEntity> {
    assertCustomerVisible(principal, id, 'Customer', id);
    return this.findOrThrow(id);
  }

  async findOrThrow(id: string): Promise<CustomerEntity> {
    const customer = await this.repository.findById(id);
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  list(
    principal: AuthPrincipal,
    filter: Omit<CustomerFilter, 'onlyId'>,
    page: PageRequest,
  ): Promise<Page<CustomerEntity>> {
    const confined = confinedCustomer(principal);
    return this.repository.page(confined === null ? filter : { ...filter, onlyId: confined }, page);
  }

  /**
   * A billing time zone is fixed once the customer has a plan: moving it would make the next
   * period overlap the last one invoiced, or leave hours out.
   */
  async update(id: string, fields: Partial<CustomerFields>): Promise<CustomerEntity> {
    if (fields.billingTimeZone !== undefined) {
      const current = await this.findOrThrow(id);
      if (
        current.billingTimeZone !== fields.billingTimeZone &&
        (await this.repository.hasPlans(id))
      ) {
        throw conflict(
          'time_zone_fixed',
          'The billing time zone cannot change once the customer has a plan: its periods are already cut',
        );
      }
    }
    const updated = await this.repository.update(id, fields, this.clock.now());
    if (!updated) throw notFound('Customer', id);
    return updated;
  }

  /** Only a customer nothing refers to can go: billing history is never orphaned. */
  async delete(id: string): Promise<void> {
    const deleted = await this.repository.delete(id).catch((error: unknown) => {
      if (!isReferenceViolation(sqlState(error))) throw error;
      throw conflict(
        'customer_in_use',
        `Customer ${id} still has rooms, identities or keys; remove them first`,
      );
    });
    if (!deleted) throw notFound('Customer', id);
  }
}
