import { Injectable } from '@nestjs/common';
import { CleanRoomEvent } from '../domain/clean-room-event';
import { normalizeCleanRoomEvent } from '../domain/normalize-clean-room-event';
import { EVENT_TEXT_LIMITS } from '../domain/text-limits';
import { BeforeCommit, IngestSpec } from '../imports/ingest-spec';
import { Positioned } from '../ingestion/ingest-outcome';
import { validateRows } from '../ingestion/validate-rows';
import { CleanRoomEventsService } from './clean-room-events.service';

/** How system.access.clean_room_events rows (JSON or CSV) are validated and stored. */
@Injectable()
export class CleanRoomEventImportSpec implements IngestSpec<CleanRoomEvent> {
  readonly kind = 'events' as const;
  readonly jsonField = 'events';

  constructor(private readonly events: CleanRoomEventsService) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateRows(rows, normalizeCleanRoomEvent, 'event_id', EVENT_TEXT_LIMITS);
  }

  store(
    batch: readonly Positioned<CleanRoomEvent>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ) {
    return this.events.ingest(batch, importId, beforeCommit);
  }

  settle(): Promise<void> {
    return this.events.settle();
  }
}
