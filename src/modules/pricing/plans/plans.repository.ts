import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { keysetPage, Page, PageRequest } from '../../../shared/database/keyset-page';
import type { PlanVersionTerms } from '../domain/plan-version-terms';
import { PlanEntity } from './plan.entity';
import { PlanVersionEntity } from './plan-version.entity';

export type PlanFields = Pick<PlanEntity, 'name' | 'model' | 'currency'>;

@Injectable()
export class PlansRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PlanEntity) private readonly plans: Repository<PlanEntity>,
    @InjectRepository(PlanVersionEntity) private readonly versions: Repository<PlanVersionEntity>,
  ) {}

  /** A plan and its first version, together or not at all. */
  createWithVersion(
    fields: PlanFields,
    terms: PlanVersionTerms,
  ): Promise<{ plan: PlanEntity; version: PlanVersionEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(PlanEntity, fields);
      const plan = await manager.findOneByOrFail(PlanEntity, {
        id: String(inserted.identifiers[0].id),
      });
      return { plan, version: await this.insertVersion(manager, plan.id, 1, terms) };
    });
  }

  /** The next version of a plan; versions of one plan are numbered one after another. */
  addVersion(planId: string, terms: PlanVersionTerms): Promise<PlanVersionEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      // The plan row is the lock that keeps two new versions from taking the same number.
      const locked: unknown[] = await manager.query(
        'SELECT id FROM plans WHERE id = $1 FOR UPDATE',
        [planId],
      );
      if (locked.length === 0) return null;
      const [{ last }]: { last: number | null }[] = await manager.query(
        'SELECT max(version) AS last FROM plan_versions WHERE plan_id = $1',
        [planId],
      );
      return this.insertVersion(manager, planId, (last ?? 0) + 1, terms);
    });
  }

  findPlan(id: string): Promise<PlanEntity | null> {
    return this.plans.findOneBy({ id });
  }

  versionsOf(planId: string): Promise<PlanVersionEntity[]> {
    return this.versions.find({ where: { planId }, order: { version: 'ASC' } });
  }

  findVersion(id: string): Promise<PlanVersionEntity | null> {
    return this.versions.findOneBy({ id });
  }

  page(request: PageRequest): Promise<Page<PlanEntity>> {
    return keysetPage(this.plans.createQueryBuilder('p'), 'p', request);
  }

  private async insertVersion(
    manager: EntityManager,
    planId: string,
    version: number,
    terms: PlanVersionTerms,
  ): Promise<PlanVersionEntity> {
    const inserted = await manager.insert(PlanVersionEntity, { planId, version, terms });
    return manager.findOneByOrFail(PlanVersionEntity, { id: String(inserted.identifiers[0].id) });
  }
}
