import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '../../../../shared/time/clock';
import {
  OwedRunReattribution,
  PendingRunReattributions,
} from '../../attribution/pending-run-reattributions';
import { RoomActivityRecorder } from '../../../registry/rooms/room-activity.recorder';
import { ReattributionService } from '../../attribution/reattribution.service';
import { CleanRoomEvent } from '../../domain/clean-room-event';
import { normalizeCleanRoomEvent } from '../../domain/normalize-clean-room-event';
import { CleanRoomRun } from '../../domain/run';
import { assembleRuns } from '../../domain/run-assembly';
import { EVENT_TEXT_LIMITS } from '../../domain/text-limits';
import { CleanRoomEventsRepository } from '../../events/clean-room-events.repository';
import { contentHash } from '../content-hash';
import { ExportKind, StoredBatch } from '../export-kind';
import { Positioned } from '../ingest-outcome';
import { KeyedItem, SplitBatch } from '../keyed-batch';
import { validateRows } from '../validate-rows';

/**
 * system.access.clean_room_events (JSON or CSV), idempotently by event_id; the runs they describe
 * are rebuilt from all their events (order-independent), the rooms' notebook version and last run
 * follow, and the usage the runs decide is owed re-attribution, in the batch's transaction. It is
 * paid once the request or import has stored its last batch (settle): paid after each batch, a
 * run whose COMPLETED event is in the next one would move every later row of its room twice,
 * rows × batches.
 */
@Injectable()
export class CleanRoomEventsExport implements ExportKind<CleanRoomEvent> {
  readonly kind = 'events' as const;

  constructor(
    private readonly repository: CleanRoomEventsRepository,
    private readonly owedRuns: PendingRunReattributions,
    private readonly reattribution: ReattributionService,
    private readonly rooms: RoomActivityRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateRows(rows, normalizeCleanRoomEvent, 'event_id', EVENT_TEXT_LIMITS);
  }

  keyed(event: Positioned<CleanRoomEvent>): KeyedItem<CleanRoomEvent> {
    return { ...event, key: event.value.eventId, hash: contentHash(event.value) };
  }

  async store(
    manager: EntityManager,
    split: SplitBatch<KeyedItem<CleanRoomEvent>>,
  ): Promise<StoredBatch<KeyedItem<CleanRoomEvent>>> {
    const inserted = await this.repository.insertNew(manager, split.unique);
    const stored = await this.repository.storedHashes(
      manager,
      split.unique.filter((u) => !inserted.has(u.key)).map((u) => u.key),
    );
    const runs = new Map<string, { roomId: string; runId: string }>();
    return {
      isStored: (item) => inserted.has(item.key),
      onStored: ({ value: { roomId, runId } }) => {
        if (runId !== null) runs.set(`${roomId}/${runId}`, { roomId, runId });
      },
      storedHash: (item) => stored.get(item.key),
      afterOutcomes: (tx) => this.foldRuns(tx, [...runs.values()]),
    };
  }

  /** Re-attributes what the stored batches owe: once they are all stored. */
  async settle(): Promise<void> {
    await this.reattribution.owedByRuns();
  }

  /** The runs of the new events rebuilt, the re-attribution they decide owed, their rooms shown. */
  private async foldRuns(
    manager: EntityManager,
    runs: readonly { roomId: string; runId: string }[],
  ): Promise<void> {
    const rebuilt = assembleRuns(await this.repository.eventsOfRuns(manager, runs));
    await this.repository.upsertRuns(manager, rebuilt);
    await this.owedRuns.record(manager, owedReattribution(rebuilt));
    const rooms = [...new Set(rebuilt.map((run) => run.roomId))];
    await this.rooms.record(
      manager,
      await this.repository.roomActivity(manager, rooms),
      this.clock.now(),
    );
  }
}

/** Per room, the earliest time its rebuilt runs decide (a run's start, or its end if unknown). */
function owedReattribution(runs: readonly CleanRoomRun[]): OwedRunReattribution[] {
  const from = new Map<string, number>();
  for (const run of runs) {
    const start = (run.startedAt ?? run.endedAt)?.getTime();
    if (start === undefined) continue;
    from.set(run.roomId, Math.min(from.get(run.roomId) ?? start, start));
  }
  return [...from].map(([roomId, time]) => ({ roomId, from: new Date(time) }));
}
