import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { assertCustomerVisible } from '../../../shared/auth/customer-visibility';
import { isReferenceViolation, sqlState } from '../../../shared/database/sql-state';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { conflict, notFound } from '../../../shared/errors/domain-error';
import { BILLED_HISTORY_CHANGE, BilledHistoryChange } from '../../../shared/events/billed-history';
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
    private readonly events: EventEmitter2,
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
   * A billing time zone may change while no invoice exists: moving it afterwards would make the
   * next period overlap the last one invoiced, or leave hours out (409 `period_invoiced`).
   */
  async update(id: string, fields: Partial<CustomerFields>): Promise<CustomerEntity> {
    const updated = await this.repository.transaction(async (manager) => {
      if (fields.billingTimeZone !== undefined) {
        const current = await this.repository.findById(id, manager);
        if (current && current.billingTimeZone !== fields.billingTimeZone) {
          const guard: BilledHistoryChange = {
            manager,
            customerId: id,
            from: null,
            what: `Moving the billing time zone to ${fields.billingTimeZone}`,
          };
          await this.events.emitAsync(BILLED_HISTORY_CHANGE, guard);
        }
      }
      return this.repository.update(id, fields, this.clock.now(), manager);
    });
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
