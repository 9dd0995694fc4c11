import { DateTime } from 'luxon';
import { D, type Dec } from '../../../shared/money/decimal';
import type { BilledFrom, CostCell } from './cost-cell';

export const COST_GROUP_KEYS = [
  'customer',
  'room',
  'run',
  'notebook',
  'sku',
  'trigger',
  'day',
  'month',
] as const;
export type CostGroupKey = (typeof COST_GROUP_KEYS)[number];

/** One row of the report: the group's key (the fields grouped by, the rest null) and its sums. */
export interface CostGroup {
  readonly customerId: string | null;
  readonly roomId: string | null;
  readonly runId: string | null;
  readonly notebookName: string | null;
  readonly skuName: string | null;
  readonly trigger: string | null;
  readonly day: string | null;
  readonly month: string | null;
  readonly currency: string;
  partnerDbu: Dec;
  customerDbu: Dec;
  listCost: Dec;
  partnerCost: Dec;
  billed: Dec;
  billedFrom: BilledFrom | 'mixed' | null;
}

/**
 * Sums cells into groups by the keys asked for; currency is always part of the key (amounts of
 * two currencies never add up). Days and months are calendar ones in `timeZone(cell)`.
 */
export class CostGroups {
  private readonly groups = new Map<string, CostGroup>();
  private readonly localDays = new Map<string, string>();
  private readonly by: ReadonlySet<CostGroupKey>;

  constructor(
    by: readonly CostGroupKey[],
    private readonly timeZone: (cell: CostCell) => string,
  ) {
    this.by = new Set(by);
  }

  add(cell: CostCell): void {
    const day = this.by.has('day') || this.by.has('month') ? this.localDay(cell) : null;
    const key: Omit<
      CostGroup,
      'partnerDbu' | 'customerDbu' | 'listCost' | 'partnerCost' | 'billed' | 'billedFrom'
    > = {
      customerId: this.by.has('customer') ? cell.customerId : null,
      roomId: this.by.has('room') || this.by.has('run') ? cell.roomId : null,
      runId: this.by.has('run') ? cell.runId : null,
      notebookName: this.by.has('notebook') ? cell.notebookName : null,
      skuName: this.by.has('sku') ? cell.skuName : null,
      trigger: this.by.has('trigger') ? cell.trigger : null,
      day: this.by.has('day') ? day : null,
      month: this.by.has('month') && day !== null ? day.slice(0, 7) : null,
      currency: cell.currency,
    };
    const id = JSON.stringify(Object.values(key));
    let group = this.groups.get(id);
    if (group === undefined) {
      const zero = new D(0);
      group = {
        ...key,
        partnerDbu: zero,
        customerDbu: zero,
        listCost: zero,
        partnerCost: zero,
        billed: zero,
        billedFrom: null,
      };
      this.groups.set(id, group);
    }
    if (cell.trigger === 'partner') group.partnerDbu = group.partnerDbu.plus(cell.dbu);
    if (cell.trigger === 'customer') group.customerDbu = group.customerDbu.plus(cell.dbu);
    group.listCost = group.listCost.plus(cell.listCost);
    group.partnerCost = group.partnerCost.plus(cell.partnerCost);
    group.billed = group.billed.plus(cell.billed);
    group.billedFrom =
      group.billedFrom === null || group.billedFrom === cell.billedFrom ? cell.billedFrom : 'mixed';
  }

  /** The groups so far, in key order, and forgets them. */
  drain(): CostGroup[] {
    const all = [...this.groups.values()].sort(compareGroups);
    this.groups.clear();
    return all;
  }

  private localDay(cell: CostCell): string {
    const zone = this.timeZone(cell);
    const id = `${zone} ${cell.at.getTime()}`;
    let day = this.localDays.get(id);
    if (day === undefined) {
      day = DateTime.fromJSDate(cell.at, { zone }).toISODate() ?? '';
      this.localDays.set(id, day);
    }
    return day;
  }
}

/** A row's key in the report's order: by time first, then customer, room, run, notebook, SKU, trigger, currency. */
export const GROUP_KEY_FIELDS = [
  'month',
  'day',
  'customerId',
  'roomId',
  'runId',
  'notebookName',
  'skuName',
  'trigger',
  'currency',
] as const satisfies readonly (keyof CostGroup)[];

export function groupKey(group: CostGroup): (string | null)[] {
  return GROUP_KEY_FIELDS.map((field) => group[field]);
}

/** Field by field in code-unit order, nulls last. */
export function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareGroups(a: CostGroup, b: CostGroup): number {
  return compareKeys(groupKey(a), groupKey(b));
}
