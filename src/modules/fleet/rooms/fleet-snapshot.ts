import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Clock, CLOCK } from '../../../shared/time/clock';
import type { FleetRoom } from '../domain/fleet-room';
import { FleetRoomSource } from './fleet-room.source';

export interface Snapshot {
  readonly asOf: Date;
  readonly rooms: readonly FleetRoom[];
}

/**
 * Every room as partner and finance keys see it, read at most FLEET_SNAPSHOT_MAX_AGE ago. Reading
 * the fleet costs one statement per concept over all rooms (hundreds of ms for a thousand rooms,
 * plus the months to date of every customer): far more than a request may take at twenty a
 * second on two cores. So the snapshot is shared: a fresh one is answered as is; a stale one is
 * answered too while one refresh reads the fleet again in the background (stale-while-revalidate),
 * so no request waits but the first. `0s` reads the fleet for every request. Per replica, in memory.
 */
@Injectable()
export class FleetSnapshot {
  private readonly logger = new Logger(FleetSnapshot.name);
  private current: Snapshot | null = null;
  private refreshing: Promise<Snapshot> | null = null;

  constructor(
    private readonly source: FleetRoomSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async snapshot(): Promise<Snapshot> {
    const now = this.clock.now();
    const current = this.current;
    const maxAge = this.config.fleetSnapshotMaxAgeMs;
    if (current !== null && now.getTime() - current.asOf.getTime() < maxAge) return current;
    if (current === null || maxAge === 0) return this.refresh(now);
    this.refresh(now).catch((error: unknown) => {
      this.logger.error(`fleet snapshot refresh failed: ${String(error)}`);
    });
    return current;
  }

  /** One read of the fleet at a time; concurrent callers share it. */
  private refresh(now: Date): Promise<Snapshot> {
    this.refreshing ??= this.source
      .rooms(now, null, false)
      .then((rooms) => {
        const snapshot = { asOf: now, rooms };
        this.current = snapshot;
        return snapshot;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}
