import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReattributionService } from './reattribution.service';
import { errorMessage } from '../../../shared/errors/error-message';

const SWEEP_LOCK = 727_002;
const FIVE_MINUTES = 5 * 60_000;

/**
 * A safety net behind the event-driven re-attribution: a batch still being written when its
 * missing room or account got registered cannot have been seen by that re-attribution. Every
 * five minutes the quarantine is attributed again, by one replica at a time.
 */
@Injectable()
export class QuarantineSweep {
  private readonly logger = new Logger(QuarantineSweep.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reattribution: ReattributionService,
  ) {}

  @Interval(FIVE_MINUTES)
  async sweep(): Promise<void> {
    try {
      const changed = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [SWEEP_LOCK],
        );
        return locked ? this.reattribution.quarantined(manager) : 0;
      });
      if (changed > 0) this.logger.log(`quarantine sweep attributed ${changed} records`);
    } catch (error) {
      this.logger.error(`quarantine sweep failed: ${errorMessage(error)}`);
    }
  }
}
