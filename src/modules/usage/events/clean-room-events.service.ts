import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import {
  OwedRunReattribution,
  PendingRunReattributions,
} from '../attribution/pending-run-reattributions';
import { ReattributionService } from '../attribution/reattribution.service';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { CleanRoomEvent } from '../domain/clean-room-event';
import { CleanRoomRun } from '../domain/run';
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
 * their events (order-independent), the rooms' notebook version and last run follow, and the usage
 * the runs decide is owed re-attribution, in the batch's transaction. It is paid once the request
 * or import has stored its last batch (settle): paid after each batch, a run whose COMPLETED
 * event is in the next one would move every later row of its room twice, rows × batches.
 */
@Injectable()
export class CleanRoomEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CleanRoomEventsRepository,
    private readonly conflicts: ConflictsWriter,
    private readonly owedRuns: PendingRunReattributions,
    private readonly reattribution: ReattributionService,
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
      const owed = owedReattribution(rebuilt);
      await this.owedRuns.record(manager, owed);
      const rooms = [...new Set(rebuilt.map((run) => run.roomId))];
      await this.repository.refreshRooms(manager, rooms, this.clock.now());
      await beforeCommit?.(manager, { counts: result.counts, problems: result.problems });
      return result;
    });
    return { counts: outcomes.counts, problems: outcomes.problems };
  }

  /** Re-attributes what the stored batches owe: once they are all stored. */
  async settle(): Promise<void> {
    await this.reattribution.owedByRuns();
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
