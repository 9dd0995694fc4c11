import type { CleanRoomRun } from '../../usage/domain/run';
import { allocateHour, compareRunsByStart } from '../../usage/domain/run-allocation';
import type { CostCell } from './cost-cell';

const HOUR_MS = 3_600_000;

/**
 * A room's hourly cells split over the runs that overlap each hour, in proportion to each run's
 * time in it (allocateHour: exact, the parts add up to the cell); what no run overlaps stays as a
 * cell without a run. One sweep: runs sorted once by start, the ones still open carried from hour
 * to hour, so the work grows with hours plus overlaps, not hours × runs.
 */
export function splitOverRuns(
  cells: readonly CostCell[],
  runs: readonly CleanRoomRun[],
): CostCell[] {
  const sorted = runs.filter((run) => run.startedAt !== null).sort(compareRunsByStart);
  const byHour = [...cells].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: CostCell[] = [];
  let next = 0;
  let open: CleanRoomRun[] = [];
  let openHour = Number.NaN;
  for (const cell of byHour) {
    const hourStart = cell.at.getTime();
    const hourEnd = hourStart + HOUR_MS;
    if (hourStart !== openHour) {
      open = open.filter((run) => endOf(run) > hourStart);
      while (next < sorted.length && startOf(sorted[next]) < hourEnd) {
        if (endOf(sorted[next]) > hourStart) open.push(sorted[next]);
        next += 1;
      }
      openHour = hourStart;
    }
    if (open.length === 0) {
      out.push(cell);
      continue;
    }
    const allocation = allocateHour({
      hourStart: cell.at,
      hourEnd: new Date(hourEnd),
      dbu: cell.dbu,
      listCost: cell.listCost,
      partnerCost: cell.partnerCost,
      runs: open,
    });
    const notebooks = new Map(open.map((run) => [run.runId, run.notebookName]));
    for (const share of allocation.byRun) {
      out.push({
        ...cell,
        runId: share.runId,
        notebookName: notebooks.get(share.runId) ?? null,
        dbu: share.dbu,
        listCost: share.listCost,
        partnerCost: share.partnerCost,
      });
    }
    const rest = allocation.unallocated;
    if (!rest.dbu.isZero() || !rest.listCost.isZero() || !rest.partnerCost.isZero()) {
      out.push({ ...cell, ...rest });
    }
  }
  return out;
}

function startOf(run: CleanRoomRun): number {
  return run.startedAt?.getTime() ?? Number.POSITIVE_INFINITY;
}

function endOf(run: CleanRoomRun): number {
  return run.endedAt?.getTime() ?? Number.POSITIVE_INFINITY;
}
