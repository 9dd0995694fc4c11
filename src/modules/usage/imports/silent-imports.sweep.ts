import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { ImportLiveness, SILENT_AFTER_MS } from './import-liveness';
import { ImportsRepository } from './imports.repository';
import { repeatEvery } from '../../../shared/concurrency/repeat-every';
import { errorMessage } from '../../../shared/errors/error-message';

/**
 * An import whose process stopped (a crash, a redeploy during an upload) would show `running` for
 * ever: every IMPORT_SWEEP_INTERVAL, imports silent for SILENT_AFTER_MS are marked failed, with
 * the line they reached; an import this process is running is never one of them. Any replica
 * may sweep; the update is idempotent.
 */
@Injectable()
export class SilentImportsSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(SilentImportsSweep.name);

  constructor(
    private readonly imports: ImportsRepository,
    private readonly liveness: ImportLiveness,
    private readonly registry: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    repeatEvery(this.registry, 'silent-imports', this.config.importSweepIntervalMs, () =>
      this.sweep(),
    );
  }

  /** One pass; resolves to how many imports were marked failed. */
  async sweep(): Promise<number> {
    try {
      const now = this.clock.now();
      const failed = await this.imports.failSilent(
        new Date(now.getTime() - SILENT_AFTER_MS),
        now,
        this.liveness.alive(),
      );
      for (const { id, lines } of failed) {
        this.logger.warn(`import ${id} was interrupted after line ${lines}: marked failed`);
      }
      return failed.length;
    } catch (error) {
      this.logger.error(`silent imports sweep failed: ${errorMessage(error)}`);
      return 0;
    }
  }
}
