import { Injectable } from '@nestjs/common';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { D, Dec } from '../../../shared/money/decimal';
import { RoomsService } from '../../registry/rooms/rooms.service';
import { CleanRoomRun } from '../domain/run';
import { allocateRoomHours, UsageMeasures } from '../domain/run-allocation';
import { HourTotals, RunsRepository } from './runs.repository';

const HOUR_MS = 3_600_000;

export interface RunCost extends UsageMeasures {
  readonly currency: string;
}

export interface RunView {
  readonly run: CleanRoomRun;
  readonly dbu: Dec;
  readonly costs: RunCost[];
}

export interface RoomRunsView {
  readonly runs: RunView[];
  /** Usage in hours no run overlaps: known, but not tied to a run. */
  readonly unallocated: RunCost[];
}

/**
 * The cost of every run: each room-hour's usage is split over the runs that overlap it, in
 * proportion to their time inside the hour, so runs plus unallocated add up to the room exactly.
 */
@Injectable()
export class RunsService {
  constructor(
    private readonly repository: RunsRepository,
    private readonly rooms: RoomsService,
  ) {}

  async forRoom(
    principal: AuthPrincipal,
    roomId: string,
    from: Date,
    to: Date,
  ): Promise<RoomRunsView> {
    // The visibility check's lookups run beside the reads instead of before them: what is read
    // is returned only if the room is visible, and a refusal still rejects the whole.
    const read = async () => {
      const runs = await this.repository.overlapping(roomId, from, to);
      return { runs, hours: await this.repository.hours(roomId, from, to) };
    };
    const [, { runs, hours }] = await Promise.all([
      this.rooms.findVisibleOrThrow(principal, roomId),
      read(),
    ]);
    const byCurrency = new Map<string, HourTotals[]>();
    for (const hour of hours) {
      const known = byCurrency.get(hour.currency);
      if (known === undefined) byCurrency.set(hour.currency, [hour]);
      else known.push(hour);
    }

    const costs = new Map<string, RunCost[]>(runs.map((run) => [run.runId, []]));
    const unallocated: RunCost[] = [];
    for (const [currency, currencyHours] of byCurrency) {
      const allocation = allocateRoomHours(
        currencyHours.map((h) => ({
          hourStart: h.hour,
          hourEnd: new Date(h.hour.getTime() + HOUR_MS),
          dbu: new D(h.dbu),
          listCost: new D(h.listCost),
          partnerCost: new D(h.partnerCost),
        })),
        runs,
      );
      for (const share of allocation.byRun)
        costs.get(share.runId)?.push({ currency, ...pick(share) });
      unallocated.push({ currency, ...pick(allocation.unallocated) });
    }
    return {
      runs: runs.map((run) => {
        const runCosts = costs.get(run.runId) ?? [];
        // One currency (the usual case) is its own sum.
        const dbu =
          runCosts.length === 1
            ? runCosts[0].dbu
            : runCosts.reduce((sum, c) => sum.plus(c.dbu), new D(0));
        return { run, dbu, costs: runCosts };
      }),
      unallocated,
    };
  }
}

function pick(m: UsageMeasures): UsageMeasures {
  return { dbu: m.dbu, listCost: m.listCost, partnerCost: m.partnerCost };
}
