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
import { ConflictsWriter, NewConflict } from '../ingestion/conflicts.repository';
import { contentHash } from '../ingestion/content-hash';
import { emptyCounts, IngestCounts, Positioned, RecordProblem } from '../ingestion/ingest-outcome';
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

  async ingest(events: readonly Positioned<CleanRoomEvent>[], importId: string | null) {
    const items: KeyedItem<CleanRoomEvent>[] = events.map((e) => ({
      ...e,
      key: e.value.eventId,
      hash: contentHash(e.value),
    }));
    const { unique, repeated, clashing } = splitByKey(items);
    const counts: IngestCounts = { ...emptyCounts(), received: events.length };
    const problems: RecordProblem[] = [];
    const touchedRooms = new Set<string>();
    await this.dataSource.transaction(async (manager) => {
      const inserted = await this.repository.insertNew(manager, unique);
      const stored = await this.repository.storedHashes(
        manager,
        unique.filter((u) => !inserted.has(u.key)).map((u) => u.key),
      );
      const conflicts: NewConflict[] = [];
      const runs = new Map<string, { roomId: string; runId: string }>();
      for (const item of unique) {
        if (inserted.has(item.key)) {
          counts.accepted++;
          const { roomId, runId } = item.value;
          if (runId !== null) runs.set(`${roomId}/${runId}`, { roomId, runId });
          continue;
        }
        const existing = stored.get(item.key);
        if (existing === undefined || existing === item.hash) {
          counts.duplicates++;
          problems.push(problemOf(item, 'duplicate', 'Already received with the same content'));
        } else {
          counts.conflicts++;
          conflicts.push({
            key: item.key,
            existingHash: existing,
            incomingHash: item.hash,
            incoming: item.value,
          });
          problems.push(
            problemOf(
              item,
              'conflict',
              'Already received with other content; the first version is kept',
            ),
          );
        }
      }
      for (const item of repeated) {
        counts.duplicates++;
        problems.push(problemOf(item, 'duplicate', 'Sent twice with the same content'));
      }
      for (const { item, firstHash } of clashing) {
        counts.conflicts++;
        conflicts.push({
          key: item.key,
          existingHash: firstHash,
          incomingHash: item.hash,
          incoming: item.value,
        });
        problems.push(
          problemOf(item, 'conflict', 'Sent twice with other content; the first is kept'),
        );
      }
      await this.conflicts.record(manager, 'event', conflicts, importId);
      const rebuilt = assembleRuns(await this.repository.eventsOfRuns(manager, [...runs.values()]));
      await this.repository.upsertRuns(manager, rebuilt);
      for (const run of rebuilt) touchedRooms.add(run.roomId);
      await this.repository.refreshRooms(manager, [...touchedRooms], this.clock.now());
    });
    if (touchedRooms.size > 0) {
      const change: AttributionInputsChanged = { kind: 'runs_changed', roomIds: [...touchedRooms] };
      await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
    }
    return { counts, problems };
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

function problemOf(
  item: KeyedItem<CleanRoomEvent>,
  outcome: 'duplicate' | 'conflict',
  message: string,
): RecordProblem {
  return { ...item.position, recordId: item.key, outcome, code: outcome, message };
}
