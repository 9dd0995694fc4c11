import { D, formatDecimal, type Dec } from '../../../shared/money/decimal';
import { ROOM_STATUSES } from './cadence';
import type { FleetRoom } from './fleet-room';

type SortValue = string | number | Dec | null;

interface SortKeyDefinition {
  readonly kind: 'text' | 'number' | 'decimal';
  readonly value: (room: FleetRoom) => SortValue;
  /** Sorting by it would reveal partner-only figures: partner keys only. */
  readonly partnerOnly?: boolean;
}

const mtd = <T>(room: FleetRoom, pick: (m: NonNullable<FleetRoom['monthToDate']>) => T) =>
  room.monthToDate === null ? null : pick(room.monthToDate);

/** The keys `sort` takes (with `-` for descending); ties go by room id, nulls come last. */
export const SORT_KEYS = {
  name: { kind: 'text', value: (room) => room.name },
  customerId: { kind: 'text', value: (room) => room.customerId },
  ownerSince: { kind: 'number', value: (room) => room.ownerSince?.getTime() ?? null },
  lastRunAt: { kind: 'number', value: (room) => room.lastRun?.startedAt.getTime() ?? null },
  sinceLastRun: { kind: 'number', value: (room) => room.sinceLastRunMs },
  runsLast7Days: { kind: 'number', value: (room) => room.runsLast7Days },
  failedRunsLast7Days: { kind: 'number', value: (room) => room.failedRunsLast7Days },
  /** Worst first: overdue, idle, irregular, no_runs, on_schedule. */
  status: { kind: 'number', value: (room) => ROOM_STATUSES.indexOf(room.status) },
  monthToDateDbu: {
    kind: 'decimal',
    value: (room) => mtd(room, (m) => m.partnerDbu.plus(m.customerDbu)),
  },
  monthToDatePartnerDbu: { kind: 'decimal', value: (room) => mtd(room, (m) => m.partnerDbu) },
  monthToDateCustomerDbu: { kind: 'decimal', value: (room) => mtd(room, (m) => m.customerDbu) },
  monthToDateListCost: { kind: 'decimal', value: (room) => mtd(room, (m) => m.listCost) },
  /** The partner's cost (what the room costs the partner at Databricks). */
  monthToDateCost: {
    kind: 'decimal',
    value: (room) => mtd(room, (m) => m.partnerCost),
    partnerOnly: true,
  },
  monthToDateBilled: { kind: 'decimal', value: (room) => mtd(room, (m) => m.billed) },
  monthToDateMargin: {
    kind: 'decimal',
    value: (room) => mtd(room, (m) => m.billed.minus(m.partnerCost)),
    partnerOnly: true,
  },
  capUsePercent: { kind: 'decimal', value: (room) => room.capUse?.percent ?? null },
} as const satisfies Record<string, SortKeyDefinition>;

export type SortKey = keyof typeof SORT_KEYS;
export const SORT_KEY_NAMES = Object.keys(SORT_KEYS) as readonly SortKey[];

export interface FleetSort {
  readonly key: SortKey;
  readonly descending: boolean;
}

export function parseSort(text: string): FleetSort {
  const descending = text.startsWith('-');
  return { key: (descending ? text.slice(1) : text) as SortKey, descending };
}

export function sortDefinition(sort: FleetSort): SortKeyDefinition {
  return SORT_KEYS[sort.key];
}

/** A position in the order: a row's sort value and room id (what a cursor holds). */
export interface SortPosition {
  readonly value: SortValue;
  readonly roomId: string;
}

export function positionOf(room: FleetRoom, sort: FleetSort): SortPosition {
  return { value: sortDefinition(sort).value(room), roomId: room.roomId };
}

/** The order of two positions: by value (nulls last either way), then room id ascending. */
export function comparePositions(a: SortPosition, b: SortPosition, sort: FleetSort): number {
  const byValue = compareValues(a.value, b.value, sort.descending);
  if (byValue !== 0) return byValue;
  return a.roomId === b.roomId ? 0 : a.roomId < b.roomId ? -1 : 1;
}

function compareValues(a: SortValue, b: SortValue, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  let order: number;
  if (typeof a === 'string' || typeof b === 'string') order = a < b ? -1 : a > b ? 1 : 0;
  else if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else order = new D(a).comparedTo(new D(b));
  return descending ? -order : order;
}

/** The value as a cursor carries it, and back. */
export function encodeSortValue(value: SortValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return formatDecimal(value);
}

export function decodeSortValue(sort: FleetSort, text: string | null): SortValue | undefined {
  if (text === null) return null;
  const kind = sortDefinition(sort).kind;
  if (kind === 'text') return text;
  // `number` keys are instants in ms, counts and status ranks, never money or DBU (those are `decimal`).
  if (kind === 'number') return /^-?\d+$/.test(text) ? Number(text) : undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? new D(text) : undefined;
}
