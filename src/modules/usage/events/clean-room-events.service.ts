import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { RoomActivityRecorder } from '../../registry/rooms/room-activity.recorder';
import { CleanRoomEventsRepository } from './clean-room-events.repository';

/**
 * What clean-room events show in the registry beyond their ingestion (which is
 * CleanRoomEventsExport's): a room's notebook version and last run, from its runs.
 */
@Injectable()
export class CleanRoomEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CleanRoomEventsRepository,
    private readonly rooms: RoomActivityRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A room registered after its runs were seen still shows its notebook version and last run. */
  @OnEvent(ATTRIBUTION_INPUTS_CHANGED, { suppressErrors: false })
  async onRoomRegistered(change: AttributionInputsChanged): Promise<void> {
    if (change.kind !== 'room_registered') return;
    await this.dataSource.transaction(async (manager) =>
      this.rooms.record(
        manager,
        await this.repository.roomActivity(manager, [change.roomId]),
        this.clock.now(),
      ),
    );
  }
}
