import { D } from '../../../shared/money/decimal';
import type { RoomNow } from '../../registry/rooms/rooms-now.reader';
import type { EtagSeen } from '../../usage/queries/room-etags.reader';
import type { RoomRunStats } from '../../usage/queries/room-run-stats.reader';
import { roomCadence, roomStatus } from '../domain/cadence';
import type { CustomerMonth } from '../domain/customer-month';
import type { FleetRoom } from '../domain/fleet-room';

export interface FleetRoomInputs {
  readonly now: Date;
  readonly room: RoomNow;
  readonly stats: RoomRunStats | undefined;
  readonly etags: readonly EtagSeen[];
  /** The owner's month to date (none: the room has no owner). */
  readonly month: CustomerMonth | undefined;
}

/** One room of the fleet from what the registry, usage, pricing and invoicing said of it. */
export function assembleFleetRoom(inputs: FleetRoomInputs): FleetRoom {
  const { now, room, stats, etags, month } = inputs;
  const lastRun = stats?.lastRun ?? null;
  const lastRunAt = lastRun?.startedAt ?? null;
  const recentStarts = stats?.recentStarts ?? [];
  const cadence = roomCadence(room.expectedRunIntervalHours, recentStarts);
  return {
    roomId: room.roomId,
    name: room.name,
    customerId: room.owner?.customerId ?? null,
    ownerSince: room.owner?.since ?? null,
    currentEtag: room.notebookEtag,
    etags: etags.map((seen) => ({
      etag: seen.etag,
      notebookName: seen.notebookName,
      firstSeenAt: seen.firstSeenAt,
      lastSeenAt: seen.lastSeenAt,
    })),
    lastRun:
      lastRun === null || lastRunAt === null
        ? null
        : {
            runId: lastRun.runId,
            notebookName: lastRun.notebookName,
            etag: lastRun.notebookEtag,
            startedAt: lastRunAt,
            endedAt: lastRun.endedAt,
            state: lastRun.state,
          },
    runsLast7Days: stats?.runs ?? 0,
    failedRunsLast7Days: stats?.failedRuns ?? 0,
    sinceLastRunMs: lastRunAt === null ? null : now.getTime() - lastRunAt.getTime(),
    cadence,
    status: roomStatus({ lastRunAt, now, cadence, recentStarts }),
    monthToDate: month === undefined ? null : monthToDate(room.roomId, month),
    capUse: month?.capUse ?? null,
  };
}

function monthToDate(roomId: string, month: CustomerMonth): FleetRoom['monthToDate'] {
  const zero = new D(0);
  const figures = month.rooms.get(roomId);
  return {
    period: month.period,
    currency: month.currency,
    partnerDbu: figures?.partnerDbu ?? zero,
    customerDbu: figures?.customerDbu ?? zero,
    listCost: figures?.listCost ?? zero,
    partnerCost: figures?.partnerCost ?? zero,
    billed: figures?.billed ?? zero,
    billedFrom: month.billedFrom,
    asOf: month.asOf,
  };
}
