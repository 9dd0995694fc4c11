import type { Dec } from '../../../shared/money/decimal';
import type { Cadence, RoomStatus } from './cadence';

export interface FleetEtag {
  readonly etag: string;
  readonly notebookName: string | null;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
}

export interface FleetLastRun {
  readonly runId: string;
  readonly notebookName: string | null;
  readonly etag: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly state: string | null;
}

/** The current owner's usage of the room in the owner's billing period that holds now, and its bill. */
export interface FleetMonthToDate {
  readonly period: string;
  readonly currency: string;
  readonly partnerDbu: Dec;
  readonly customerDbu: Dec;
  readonly listCost: Dec;
  readonly partnerCost: Dec;
  readonly billed: Dec;
  readonly billedFrom: 'invoice' | 'estimate' | 'void';
  /** When the owner's month to date was read (CustomerMonthCache). */
  readonly asOf: Date;
}

/** One room of the fleet view, before it is paged and written out. */
export interface FleetRoom {
  readonly roomId: string;
  readonly name: string;
  readonly customerId: string | null;
  readonly ownerSince: Date | null;
  readonly currentEtag: string | null;
  readonly etags: readonly FleetEtag[];
  readonly lastRun: FleetLastRun | null;
  readonly runsLast7Days: number;
  readonly failedRunsLast7Days: number;
  readonly sinceLastRunMs: number | null;
  readonly cadence: Cadence | null;
  readonly status: RoomStatus;
  readonly monthToDate: FleetMonthToDate | null;
  readonly capUse: { readonly measure: 'dbu' | 'cost'; readonly percent: Dec } | null;
}
