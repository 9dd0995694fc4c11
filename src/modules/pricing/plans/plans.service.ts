import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { badRequest, notFound } from '../../../shared/errors/domain-error';
import { planVersionTermsFrom, type PlanVersionInput } from '../domain/plan-templates';
import type { PlanVersionTerms, PricingModel } from '../domain/plan-version-terms';
import { assertValidPlanVersionTerms } from '../domain/plan-version.validator';
import { PlanEntity } from './plan.entity';
import { PlanVersionEntity } from './plan-version.entity';
import { PlansRepository } from './plans.repository';

/** A version's parameters: the template of the plan's model fills what they leave out. */
export type VersionParameters = Omit<PlanVersionInput, 'model' | 'currency'>;

export interface PlanWithVersions {
  readonly plan: PlanEntity;
  readonly versions: readonly PlanVersionEntity[];
}

@Injectable()
export class PlansService {
  constructor(private readonly repository: PlansRepository) {}

  async create(
    plan: { name: string; model: PricingModel; currency: string },
    parameters: VersionParameters,
  ): Promise<PlanWithVersions> {
    const terms = termsOrThrow({ ...parameters, model: plan.model, currency: plan.currency });
    const created = await this.repository.createWithVersion(plan, terms);
    return { plan: created.plan, versions: [created.version] };
  }

  async addVersion(planId: string, parameters: VersionParameters): Promise<PlanVersionEntity> {
    const plan = await this.findOrThrow(planId);
    const terms = termsOrThrow({ ...parameters, model: plan.model, currency: plan.currency });
    const version = await this.repository.addVersion(planId, terms);
    if (!version) throw notFound('Plan', planId);
    return version;
  }

  async get(planId: string): Promise<PlanWithVersions> {
    const plan = await this.findOrThrow(planId);
    return { plan, versions: await this.repository.versionsOf(planId) };
  }

  list(request: PageRequest): Promise<Page<PlanEntity>> {
    return this.repository.page(request);
  }

  findVersion(versionId: string): Promise<PlanVersionEntity | null> {
    return this.repository.findVersion(versionId);
  }

  async findVersionOrThrow(versionId: string): Promise<PlanVersionEntity> {
    const version = await this.repository.findVersion(versionId);
    if (!version) throw notFound('Plan version', versionId);
    return version;
  }

  private async findOrThrow(planId: string): Promise<PlanEntity> {
    const plan = await this.repository.findPlan(planId);
    if (!plan) throw notFound('Plan', planId);
    return plan;
  }
}

/** The terms of a version input, validated; a 400 `invalid_plan_version` with every field error otherwise. */
export function termsOrThrow(input: PlanVersionInput, path = ''): PlanVersionTerms {
  const { terms, errors } = planVersionTermsFrom(input);
  if (errors.length > 0) {
    throw badRequest(
      'invalid_plan_version',
      'The plan version is invalid; see errors',
      errors.map((error) => ({
        ...error,
        field: path === '' ? error.field : `${path}.${error.field}`,
      })),
    );
  }
  assertValidPlanVersionTerms(terms, path);
  return terms;
}
