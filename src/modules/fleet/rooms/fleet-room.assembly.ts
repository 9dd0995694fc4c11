import { D, type Dec } from '../../../shared/money/decimal';
import type { RoomNow } from '../../registry/rooms/rooms-now.reader';
import type { RoomTotals } from '../../usage/queries/period-room-totals.reader';
import type { EtagSeen } from '../../usage/queries/room-etags.reader';
import type { RoomRunStats } from '../../usage/queries/room-run-stats.reader';
import { roomCadence, roomStatus } from '../domain/cadence';
import type { FleetRoom } from '../domain/fleet-room';

export interface FleetRoomInputs {
  readonly now: Date;
  readonly room: RoomNow;
  readonly stats: RoomRunStats | undefined;
  readonly etags: readonly EtagSeen[];
  /** The owner's period key, and its usage of the room in it (none: no usage yet). */
  readonly period: string | null;
  readonly totals: RoomTotals | undefined;
  readonly capUse: { readonly measure: 'dbu' | 'cost'; readonly percent: Dec } | null;
}

/** One room of the fleet from what the registry, usage and pricing said of it. */
export function assembleFleetRoom(inputs: FleetRoomInputs): FleetRoom {
  const { now, room, stats, etags, period, totals } = inputs;
  const lastRun = stats?.lastRun ?? null;
  const lastRunAt = lastRun?.startedAt ?? null;
  const recentStarts = stats?.recentStarts ?? [];
  const cadence = roomCadence(room.expectedRunIntervalHours, recentStarts);
  const zero = new D(0);
  return {
    roomId: room.roomId,
    name: room.name,
    customerId: room.owner?.customerId ?? null,
    billingTimeZone: room.owner?.billingTimeZone ?? null,
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
    monthToDate:
      room.owner === null || period === null
        ? null
        : {
            period,
            currency: room.owner.currency,
            partnerDbu: totals?.partnerDbu ?? zero,
            customerDbu: totals?.customerDbu ?? zero,
            listCost: totals?.listCost ?? zero,
            partnerCost: totals?.partnerCost ?? zero,
            billed: null,
          },
    capUse: inputs.capUse,
  };
}
