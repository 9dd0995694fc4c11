import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CleanRoomEvent } from '../domain/clean-room-event';
import { assembleRuns } from '../domain/run-assembly';
import { batchOutcomes } from '../ingestion/batch-outcomes';
import { ConflictsWriter } from '../ingestion/conflicts.repository';
import { contentHash } from '../ingestion/content-hash';
import { BatchResult, Positioned } from '../ingestion/ingest-outcome';
import type { BeforeCommit } from '../imports/ingest-spec';
import { KeyedItem, splitByKey } from '../ingestion/keyed-batch';
import { CleanRoomEventsRepository } from './clean-room-events.repository';

/**
 * Clean-room events in, idempotently by event_id; the runs they describe are rebuilt from all
 * their events (order-independent), the rooms' notebook version and last run follow, and usage
 * waiting for a run to name its trigger is attributed again.
 */
@Injectable()
export class CleanRoomEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CleanRoomEventsRepository,
    private readonly conflicts: ConflictsWriter,
    private readonly events: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ingest(
    events: readonly Positioned<CleanRoomEvent>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ): Promise<BatchResult> {
    const items: KeyedItem<CleanRoomEvent>[] = events.map((e) => ({
      ...e,
      key: e.value.eventId,
      hash: contentHash(e.value),
    }));
    const split = splitByKey(items);
    const touchedRooms = new Set<string>();
    let earliestStart = Number.POSITIVE_INFINITY;
    const outcomes = await this.dataSource.transaction(async (manager) => {
      const inserted = await this.repository.insertNew(manager, split.unique);
      const stored = await this.repository.storedHashes(
        manager,
        split.unique.filter((u) => !inserted.has(u.key)).map((u) => u.key),
      );
      const runs = new Map<string, { roomId: string; runId: string }>();
      const result = batchOutcomes(split, events.length, {
        isStored: (item) => inserted.has(item.key),
        onStored: ({ value: { roomId, runId } }) => {
          if (runId !== null) runs.set(`${roomId}/${runId}`, { roomId, runId });
        },
        storedHash: (item) => stored.get(item.key),
      });
      await this.conflicts.record(manager, 'event', result.conflicts, importId);
      const rebuilt = assembleRuns(await this.repository.eventsOfRuns(manager, [...runs.values()]));
      await this.repository.upsertRuns(manager, rebuilt);
      for (const run of rebuilt) {
        touchedRooms.add(run.roomId);
        const start = run.startedAt ?? run.endedAt;
        if (start) earliestStart = Math.min(earliestStart, start.getTime());
      }
      await this.repository.refreshRooms(manager, [...touchedRooms], this.clock.now());
      await beforeCommit?.(manager, { counts: result.counts, problems: result.problems });
      return result;
    });
    if (touchedRooms.size > 0 && Number.isFinite(earliestStart)) {
      const change: AttributionInputsChanged = {
        kind: 'runs_changed',
        roomIds: [...touchedRooms],
        from: new Date(earliestStart),
      };
      await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
    }
    return { counts: outcomes.counts, problems: outcomes.problems };
  }

  /** A room registered after its runs were seen still shows its notebook version and last run. */
  @OnEvent(ATTRIBUTION_INPUTS_CHANGED, { suppressErrors: false })
  async onRoomRegistered(change: AttributionInputsChanged): Promise<void> {
    if (change.kind !== 'room_registered') return;
    await this.dataSource.transaction((manager) =>
      this.repository.refreshRooms(manager, [change.roomId], this.clock.now()),
    );
  }
}
