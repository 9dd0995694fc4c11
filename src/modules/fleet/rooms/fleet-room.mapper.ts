import { minorUnits } from '../../../shared/money/currency';
import { formatDecimal } from '../../../shared/money/decimal';
import type { FleetRoom } from '../domain/fleet-room';
import type { FleetMonthToDateSchema, FleetRoomRow } from './fleet-room.dto';

const MS_PER_SECOND = 1000;

/** The row as the API writes it: decimals as strings, instants in ISO 8601 UTC, durations in seconds. */
export function toFleetRow(room: FleetRoom): FleetRoomRow {
  return {
    roomId: room.roomId,
    name: room.name,
    customerId: room.customerId,
    ownerSince: room.ownerSince?.toISOString() ?? null,
    currentEtag: room.currentEtag,
    etags: room.etags.map((seen) => ({
      etag: seen.etag,
      notebookName: seen.notebookName,
      firstSeenAt: seen.firstSeenAt.toISOString(),
      lastSeenAt: seen.lastSeenAt.toISOString(),
    })),
    lastRun:
      room.lastRun === null
        ? null
        : {
            runId: room.lastRun.runId,
            notebookName: room.lastRun.notebookName,
            etag: room.lastRun.etag,
            startedAt: room.lastRun.startedAt.toISOString(),
            endedAt: room.lastRun.endedAt?.toISOString() ?? null,
            state: room.lastRun.state,
          },
    runsLast7Days: room.runsLast7Days,
    failedRunsLast7Days: room.failedRunsLast7Days,
    status: room.status,
    sinceLastRunSeconds:
      room.sinceLastRunMs === null ? null : Math.floor(room.sinceLastRunMs / MS_PER_SECOND),
    cadenceSeconds: room.cadence === null ? null : Math.round(room.cadence.ms / MS_PER_SECOND),
    cadenceSource: room.cadence?.source ?? null,
    monthToDate: monthToDateOf(room),
    capUse:
      room.capUse === null
        ? null
        : { measure: room.capUse.measure, percent: formatDecimal(room.capUse.percent, 2) },
  };
}

function monthToDateOf(room: FleetRoom): FleetMonthToDateSchema | null {
  const mtd = room.monthToDate;
  if (mtd === null) return null;
  return {
    period: mtd.period,
    currency: mtd.currency,
    partnerDbu: formatDecimal(mtd.partnerDbu),
    customerDbu: formatDecimal(mtd.customerDbu),
    listCost: formatDecimal(mtd.listCost),
    partnerCost: formatDecimal(mtd.partnerCost),
    billed: formatDecimal(mtd.billed, minorUnits(mtd.currency)),
    margin: formatDecimal(mtd.billed.minus(mtd.partnerCost)),
    billedFrom: mtd.billedFrom,
    asOf: mtd.asOf.toISOString(),
  };
}
