import { Inject, Injectable } from '@nestjs/common';
import { CustomersService } from '../../registry/customers/customers.service';
import { badRequest, conflict, notFound } from '../../../shared/errors/domain-error';
import { billingPeriodContaining } from '../../../shared/time/billing-period';
import { Clock, CLOCK } from '../../../shared/time/clock';
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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Puts a plan version in effect from `effectiveFrom` on. The past is never rewritten: a
   * customer's first plan may start from the beginning of its current period, any later change
   * starts now or later, never before a change already made; a change scheduled for the same
   * instant and not yet in effect is replaced.
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

    const now = this.clock.now();
    const period = billingPeriodContaining(now, customer.billingTimeZone);
    if (change.effectiveFrom < period.start) {
      throw conflict(
        'period_closed_for_changes',
        `A plan change cannot start before the current period (${period.key}, from ${period.start.toISOString()}): the past is never rewritten`,
      );
    }
    const entry = await this.repository.withCustomerLocked(customerId, async (manager) => {
      const history = await this.repository.history(customerId, undefined, manager);
      const at = change.effectiveFrom.getTime();
      const later = history.find((e) => e.effectiveFrom.getTime() > at);
      if (later) {
        throw conflict(
          'later_change_scheduled',
          `A change from ${later.effectiveFrom.toISOString()} is already planned; changes are added in order`,
        );
      }
      // Once a plan is in effect, changes start now or later: what was rated stays rated.
      if (history.some((e) => e.effectiveFrom <= now) && change.effectiveFrom < now) {
        throw conflict(
          'change_in_past',
          `A plan is in effect: a change starts at ${now.toISOString()} or later, never before`,
        );
      }
      const same = history.find((e) => e.effectiveFrom.getTime() === at);
      if (same) {
        if (same.effectiveFrom <= now) {
          throw conflict(
            'change_in_effect',
            `The change from ${same.effectiveFrom.toISOString()} is already in effect`,
          );
        }
        await this.repository.delete(manager, same.id);
      }
      return this.repository.insert(manager, {
        customerId,
        planVersionId: change.planVersionId,
        effectiveFrom: change.effectiveFrom,
        overrides: change.overrides,
      });
    });
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
