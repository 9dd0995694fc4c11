import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { repeatEvery } from '../../../shared/concurrency/repeat-every';
import { errorMessage } from '../../../shared/errors/error-message';
import { ReattributionService } from './reattribution.service';

/** How long no batch may have touched a room's debt before the sweep pays it: an import is slower. */
export const OWED_RUNS_QUIET_MS = 2 * 60_000;

/**
 * The safety net behind the re-attribution an events request or import pays after its last batch:
 * should its process die first (or that re-attribution fail), the debt its batches recorded stays,
 * and every IMPORT_SWEEP_INTERVAL the debts no batch has touched for OWED_RUNS_QUIET_MS are paid
 * here. Paying takes the exclusive attribution lock and deletes the debt it pays, so two replicas
 * never pay the same one.
 */
@Injectable()
export class OwedRunsSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(OwedRunsSweep.name);

  constructor(
    private readonly reattribution: ReattributionService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    repeatEvery(this.registry, 'owed-runs', this.config.importSweepIntervalMs, () => this.sweep());
  }

  /** One pass; resolves to how many usage records it re-attributed. */
  async sweep(): Promise<number> {
    try {
      return await this.reattribution.owedByRuns(OWED_RUNS_QUIET_MS);
    } catch (error) {
      this.logger.error(`owed re-attribution sweep failed: ${errorMessage(error)}`);
      return 0;
    }
  }
}
