import { Injectable } from '@nestjs/common';
import type { CleanRoomRun } from '../domain/run';
import { RunsRepository } from '../runs/runs.repository';

/** A room's runs, for the modules that share its usage among them (invoicing, reports). */
@Injectable()
export class RoomRunsReader {
  constructor(private readonly runs: RunsRepository) {}

  /**
   * Runs of the room that overlap [from, to) and started while `customerId` owned it: a run is
   * its starter's owner's, so another customer's runs in the same room never show here.
   */
  ownedBy(roomId: string, customerId: string, from: Date, to: Date): Promise<CleanRoomRun[]> {
    return this.runs.overlappingOwnedBy(roomId, customerId, from, to);
  }

  /**
   * Runs the partner started in the room in [from, to) while `customerId` owned it: the runs a
   * `partner_run` charge counts.
   */
  partnerStarted(
    roomId: string,
    customerId: string,
    from: Date,
    to: Date,
  ): Promise<CleanRoomRun[]> {
    return this.runs.partnerStartedOwnedBy(roomId, customerId, from, to);
  }
}
