import { Injectable } from '@nestjs/common';
import { RoomsNowReader } from '../../registry/rooms/rooms-now.reader';
import { RoomEtagsReader, type EtagSeen } from '../../usage/queries/room-etags.reader';
import { RoomRunStatsReader } from '../../usage/queries/room-run-stats.reader';
import { releaseRoomStatus, type ReleaseRoomStatus } from '../domain/release-status';
import type { NotebookReleaseEntity } from './notebook-release.entity';
import type {
  ReleaseCountsSchema,
  ReleaseCustomerSchema,
  ReleaseFirstRunSchema,
  ReleaseRoomSchema,
  ReleaseRunSchema,
} from './notebook-release.dto';

interface AdoptedRoom extends ReleaseRoomSchema {
  readonly customerId: string | null;
}

/**
 * Which rooms run which version of a released notebook: every room's etags (one loose index
 * scan over all rooms, usage's RoomEtagsReader), those of the release's notebook kept; a room's
 * latest run of the notebook is the last run on whichever of them ran last. Rooms that never ran
 * anything are listed too (`never_ran`); rooms that run only other notebooks are not.
 */
@Injectable()
export class ReleaseAdoption {
  constructor(
    private readonly rooms: RoomsNowReader,
    private readonly etags: RoomEtagsReader,
    private readonly runs: RoomRunStatsReader,
  ) {}

  async byCustomer(
    release: NotebookReleaseEntity,
    acceptedEtags: ReadonlySet<string>,
    now: Date,
  ): Promise<{ counts: ReleaseCountsSchema; customers: ReleaseCustomerSchema[] }> {
    const rooms = await this.rooms.rooms(now);
    const seen = await this.etags.etagsSeen(
      rooms.map((room) => ({ roomId: room.roomId, since: null })),
      now,
    );
    const unversioned = rooms.filter((room) => !seen.has(room.roomId)).map((room) => room.roomId);
    const ran = await this.runs.roomsThatRan(unversioned, now);
    const adopted: AdoptedRoom[] = [];
    for (const room of rooms) {
      const etags = seen.get(room.roomId);
      if (etags === undefined && ran.has(room.roomId)) continue;
      const ofNotebook = (etags ?? []).filter((e) => e.notebookName === release.notebookName);
      if (etags !== undefined && ofNotebook.length === 0) continue;
      const latest = ofNotebook.reduce<EtagSeen | null>(
        (last, e) => (last === null || e.lastSeenAt > last.lastSeenAt ? e : last),
        null,
      );
      const onRelease = ofNotebook.find((e) => e.etag === release.etag) ?? null;
      adopted.push({
        customerId: room.owner?.customerId ?? null,
        roomId: room.roomId,
        name: room.name,
        status: releaseRoomStatus({
          latestEtag: latest?.etag ?? null,
          acceptedEtags,
          now,
          cutoverAt: release.cutoverAt,
        }),
        firstRunOnRelease: onRelease === null ? null : firstRun(onRelease),
        lastRun: latest === null ? null : lastRun(latest),
      });
    }
    return { counts: countsOf(adopted), customers: groupByCustomer(adopted) };
  }
}

function firstRun(seen: EtagSeen): ReleaseFirstRunSchema {
  return { runId: seen.firstRunId, startedAt: seen.firstSeenAt.toISOString() };
}

function lastRun(seen: EtagSeen): ReleaseRunSchema {
  return {
    runId: seen.lastRunId,
    etag: seen.etag,
    startedAt: seen.lastSeenAt.toISOString(),
    state: seen.lastRunState,
  };
}

function countsOf(rooms: readonly { status: string }[]): ReleaseCountsSchema {
  const count = (status: ReleaseRoomStatus) => rooms.filter((r) => r.status === status).length;
  return {
    rooms: rooms.length,
    current: count('current'),
    behind: count('behind'),
    behindPastCutover: count('behind_past_cutover'),
    neverRan: count('never_ran'),
  };
}

function groupByCustomer(rooms: readonly AdoptedRoom[]): ReleaseCustomerSchema[] {
  const groups = new Map<string | null, ReleaseRoomSchema[]>();
  for (const { customerId, ...room } of rooms) {
    const list = groups.get(customerId) ?? [];
    list.push(room);
    groups.set(customerId, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([customerId, list]) => ({
      customerId,
      counts: countsOf(list),
      rooms: list.sort((a, b) =>
        a.name === b.name ? (a.roomId < b.roomId ? -1 : 1) : a.name < b.name ? -1 : 1,
      ),
    }));
}
