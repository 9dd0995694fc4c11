import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { PendingRunReattributions } from './pending-run-reattributions';
import { owedRunsSelection, Selection, selectionFor } from './reattribution-selection.sql';
import { ReattributionRepository } from './reattribution.repository';

/**
 * Keeps attribution current: when a room, identity, price, discount or run changes, the usage it
 * affects is attributed again (quarantined records get resolved) and the rollups follow.
 */
@Injectable()
export class ReattributionService {
  private readonly logger = new Logger(ReattributionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owedRuns: PendingRunReattributions,
    private readonly repository: ReattributionRepository,
  ) {}

  @OnEvent(ATTRIBUTION_INPUTS_CHANGED, { suppressErrors: false })
  async onInputsChanged(change: AttributionInputsChanged): Promise<number> {
    const changed = await this.run(this.dataSource.manager, () =>
      Promise.resolve(selectionFor(change)),
    );
    if (changed > 0) this.logger.log(`${change.kind}: re-attributed ${changed} usage records`);
    return changed;
  }

  /**
   * What changes of runs owe (see PendingRunReattributions), re-attributed in one statement and
   * taken in the same transaction; with `quietMs`, only the rooms no batch touched for that long.
   */
  async owedByRuns(quietMs?: number): Promise<number> {
    if (!(await this.owedRuns.any(this.dataSource.manager, quietMs))) return 0;
    const changed = await this.run(this.dataSource.manager, async (tx) => {
      const owed = await this.owedRuns.take(tx, quietMs);
      return owed.length > 0 ? owedRunsSelection(owed) : null;
    });
    if (changed > 0) this.logger.log(`runs changed: re-attributed ${changed} usage records`);
    return changed;
  }

  /** Everything quarantined, attributed again (the periodic sweep). */
  quarantined(manager: EntityManager): Promise<number> {
    const all: Selection = { where: `r.status = 'quarantined'`, parameters: [] };
    return this.run(manager, () => Promise.resolve(all));
  }

  /**
   * Re-attributes under the exclusive attribution lock: usage batches hold it shared while they
   * write, so this waits for batches in flight (which attributed against the old inputs) and then
   * sees their rows, and later batches see the new inputs. The rows are chosen once the lock is
   * held.
   */
  private async run(
    manager: EntityManager,
    select: (tx: EntityManager) => Promise<Selection | null>,
  ): Promise<number> {
    const work = async (tx: EntityManager) => {
      await this.repository.lockExclusive(tx);
      const selection = await select(tx);
      return selection === null ? 0 : this.repository.reattribute(tx, selection);
    };
    return manager.queryRunner?.isTransactionActive ? work(manager) : manager.transaction(work);
  }
}
