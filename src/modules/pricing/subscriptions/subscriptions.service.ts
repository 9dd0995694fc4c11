import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { CustomersService } from '../../registry/customers/customers.service';
import { badRequest, notFound } from '../../../shared/errors/domain-error';
import { BILLED_HISTORY_CHANGE, BilledHistoryChange } from '../../../shared/events/billed-history';
import type { PlanVersionTerms } from '../domain/plan-version-terms';
import { assertValidPlanVersionTerms } from '../domain/plan-version.validator';
import {
  applyOverrides,
  unknownOverrideKeys,
  type SubscriptionOverrides,
} from '../domain/subscription-overrides';
import { PlansService } from '../plans/plans.service';
import { SubscriptionEntry, SubscriptionsRepository } from './subscriptions.repository';

export interface SubscriptionChange {
  readonly planVersionId: string;
  readonly effectiveFrom: Date;
  readonly overrides: SubscriptionOverrides | null;
}

/** A customer's plan history; the terms it is billed on are the version's with its overrides. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly plans: PlansService,
    private readonly customers: CustomersService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Puts a plan version in effect from `effectiveFrom` on, at any instant no invoice has billed:
   * the history of a customer onboarded today can start in September, and be invoiced from the
   * usage already imported. Time an issued invoice covers is never rewritten (409
   * `period_invoiced`, checked under the lock invoices are issued under); an entry at the same
   * instant is replaced.
   */
  async change(customerId: string, change: SubscriptionChange): Promise<SubscriptionEntry> {
    const customer = await this.customers.findOrThrow(customerId);
    const version = await this.plans.findVersion(change.planVersionId);
    if (!version) {
      throw badRequest('unknown_plan_version', 'No plan version has this id', [
        {
          field: 'planVersionId',
          code: 'not_found',
          message: `Plan version ${change.planVersionId} does not exist`,
        },
      ]);
    }
    if (version.terms.currency !== customer.currency) {
      throw badRequest(
        'currency_mismatch',
        'The plan is priced in another currency than the customer',
        [
          {
            field: 'planVersionId',
            code: 'currency_mismatch',
            message: `The plan is in ${version.terms.currency}, the customer is billed in ${customer.currency}`,
          },
        ],
      );
    }
    billedTermsOrThrow(version.terms, change.overrides);

    // Refused if an issued invoice covers the time (under the invoicing lock, taken first).
    const refuseIfInvoiced = async (manager: EntityManager) => {
      const guard: BilledHistoryChange = {
        manager,
        customerId,
        from: change.effectiveFrom,
        what: `A plan from ${change.effectiveFrom.toISOString()}`,
      };
      await this.events.emitAsync(BILLED_HISTORY_CHANGE, guard);
    };
    const entry = await this.repository.withCustomerLocked(
      customerId,
      async (manager) => {
        const history = await this.repository.history(customerId, undefined, manager);
        const same = history.find(
          (e) => e.effectiveFrom.getTime() === change.effectiveFrom.getTime(),
        );
        if (same) await this.repository.delete(manager, same.id);
        return this.repository.insert(manager, {
          customerId,
          planVersionId: change.planVersionId,
          effectiveFrom: change.effectiveFrom,
          overrides: change.overrides,
        });
      },
      refuseIfInvoiced,
    );
    if (!entry) throw notFound('Customer', customerId);
    return entry;
  }

  /** Every entry, oldest first (a customer's key sees only its own: checked by the caller). */
  async history(customerId: string): Promise<SubscriptionEntry[]> {
    await this.customers.findOrThrow(customerId);
    return this.repository.history(customerId);
  }

  /** The entries that matter for a period ending at `end` (those starting before it). */
  historyBefore(customerId: string, end: Date): Promise<SubscriptionEntry[]> {
    return this.repository.history(customerId, end);
  }
}

/** The terms a subscription bills: the version's, with the overrides applied and checked. */
export function billedTermsOrThrow(
  terms: PlanVersionTerms,
  overrides: SubscriptionOverrides | null,
): PlanVersionTerms {
  if (!overrides) return terms;
  const unknown = unknownOverrideKeys(terms, overrides);
  if (unknown.length > 0) {
    throw badRequest(
      'invalid_overrides',
      'Overrides name charges the plan version does not have',
      unknown.map((key) => ({
        field: `overrides.charges.${key}`,
        code: 'unknown_charge_key',
        message: `The plan version has no charge keyed ${key}`,
      })),
    );
  }
  if (overrides.exposureCap && !terms.exposureCap) {
    throw badRequest('invalid_overrides', 'The plan version has no exposure cap to override', [
      {
        field: 'overrides.exposureCap',
        code: 'cap_not_allowed',
        message: 'Only a bundled version has a cap',
      },
    ]);
  }
  const billed = applyOverrides(terms, overrides);
  assertValidPlanVersionTerms(billed, 'overrides');
  return billed;
}
