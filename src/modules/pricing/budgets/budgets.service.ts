import { Inject, Injectable } from '@nestjs/common';
import { CustomerEntity } from '../../registry/customers/customer.entity';
import { CustomersService } from '../../registry/customers/customers.service';
import { RoomsService } from '../../registry/rooms/rooms.service';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { conflict } from '../../../shared/errors/domain-error';
import { BillingCalendar } from '../../../shared/time/billing-calendar';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { evaluateCap, type CapEvaluation } from '../domain/exposure-cap';
import type { ExposureCapDefinition } from '../domain/plan-version-terms';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { Exposure, PartnerExposureReader } from '../../usage/queries/partner-exposure.reader';
import { capNow } from './cap-now';

export interface Budget {
  readonly customerId: string;
  readonly roomId: string | null;
  readonly period: BillingPeriod;
  readonly asOf: Date;
  /** The part of the period under the plan version in effect now (null: no plan in effect). */
  readonly segment: { readonly from: Date; readonly to: Date } | null;
  /** Null when the plan in effect has no exposure cap: nothing is ever blocked. */
  readonly cap: {
    readonly definition: ExposureCapDefinition;
    readonly evaluation: CapEvaluation;
  } | null;
  readonly exposure: Exposure;
}

/**
 * Where a customer stands against its bundled exposure cap now: the cap of the plan version in
 * effect (prorated to its segment, as on the invoice) against the partner-triggered usage of
 * that segment. A room's budget is its owner's, with the room's own share shown.
 */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly rooms: RoomsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly exposures: PartnerExposureReader,
    private readonly calendar: BillingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async forCustomer(principal: AuthPrincipal, customerId: string): Promise<Budget> {
    return this.budget(await this.customers.findVisibleOrThrow(principal, customerId), null);
  }

  async forRoom(principal: AuthPrincipal, roomId: string): Promise<Budget> {
    const view = await this.rooms.findVisibleOrThrow(principal, roomId);
    if (view.customerId === null) {
      throw conflict('room_without_owner', `Room ${view.room.id} has no owner now, so no budget`);
    }
    return this.budget(await this.customers.findOrThrow(view.customerId), view.room.id);
  }

  private async budget(customer: CustomerEntity, roomId: string | null): Promise<Budget> {
    const now = this.clock.now();
    const period = this.calendar.periodContaining(customer, now);
    const history = await this.subscriptions.historyBefore(customer.id, period.end);
    const { segment, definition, cap } = capNow(period, history, now);
    const base = { customerId: customer.id, roomId, period, asOf: now };
    const counted = segment ?? { from: period.start, to: period.end };
    const exposure = await this.exposures.exposure(customer.id, counted.from, counted.to, roomId);
    if (!segment || !definition || !cap) return { ...base, segment, cap: null, exposure };
    const evaluation = evaluateCap(cap, exposure.customer);
    return { ...base, segment, cap: { definition, evaluation }, exposure };
  }
}
