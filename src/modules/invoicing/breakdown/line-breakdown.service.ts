import { Injectable } from '@nestjs/common';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { notFound } from '../../../shared/errors/domain-error';
import { minorUnits } from '../../../shared/money/currency';
import { D, type Dec } from '../../../shared/money/decimal';
import type { CleanRoomRun } from '../../usage/domain/run';
import { allocateRoomHours, type UsageMeasures } from '../../usage/domain/run-allocation';
import { splitLine, type LineSplit, type RoomEvidence } from '../domain/line-breakdown';
import { assertInvoiceVisible } from '../invoices/invoice-visibility';
import { InvoiceLinesRepository } from '../invoices/invoice-lines.repository';
import { InvoicesRepository } from '../invoices/invoices.repository';
import type { StoredInvoice, StoredInvoiceLine } from '../invoices/stored-invoice';
import { RoomRunsReader } from '../../usage/queries/room-runs.reader';
import {
  EvidenceRecord,
  UsageEvidenceReader,
  type Trigger,
} from '../../usage/queries/usage-evidence.reader';

const HOUR_MS = 3_600_000;

export interface UsageSlot {
  readonly key: string;
  readonly start: Date;
  readonly end: Date;
  readonly skuName: string;
  readonly weight: Dec;
  readonly records: readonly EvidenceRecord[];
}

export interface RoomBreakdown {
  readonly roomId: string;
  readonly quantity: Dec;
  readonly runs: readonly { readonly run: CleanRoomRun; readonly weight: Dec }[];
  readonly outsideRuns: Dec;
  readonly slots: readonly UsageSlot[];
}

export interface LineBreakdown {
  readonly invoice: StoredInvoice;
  readonly line: StoredInvoiceLine;
  readonly rooms: readonly RoomBreakdown[];
  readonly split: LineSplit;
}

/**
 * Rooms → runs → usage records behind an invoice line, with the line's rounded amount split at
 * each level by largest remainder so every level adds up to the line exactly. Weights are the
 * line's basis: DBU, list cost or partner cost, of the party the basis counts.
 */
@Injectable()
export class LineBreakdownService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly lines: InvoiceLinesRepository,
    private readonly evidence: UsageEvidenceReader,
    private readonly runs: RoomRunsReader,
  ) {}

  async breakdown(
    principal: AuthPrincipal,
    invoiceId: string,
    lineId: string,
  ): Promise<LineBreakdown> {
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice) throw notFound('Invoice', invoiceId);
    assertInvoiceVisible(principal, invoice);
    const line = (await this.lines.linesOf(invoiceId)).find((candidate) => candidate.id === lineId);
    if (!line) throw notFound('Invoice line', lineId);

    const trigger = triggerOf(line.basis);
    const measure = measureOf(line.basis);
    const rooms: RoomBreakdown[] = [];
    for (const source of line.rooms) {
      const from = line.segmentFrom;
      const to = line.segmentTo;
      const [records, hours, runs] = [
        await this.evidence.records(invoice.customerId, source.roomId, from, to, trigger),
        await this.evidence.hours(invoice.customerId, source.roomId, from, to, trigger),
        await this.runs.ownedBy(source.roomId, invoice.customerId, from, to),
      ];
      const allocation = allocateRoomHours(
        hours.map((hour) => ({
          hourStart: hour.hour,
          hourEnd: new Date(hour.hour.getTime() + HOUR_MS),
          dbu: new D(hour.dbu),
          listCost: new D(hour.listCost),
          partnerCost: new D(hour.partnerCost),
        })),
        runs,
      );
      const byRun = new Map(allocation.byRun.map((share) => [share.runId, share]));
      rooms.push({
        roomId: source.roomId,
        quantity: source.quantity,
        runs: runs
          .filter((run) => byRun.has(run.runId))
          .map((run) => ({ run, weight: measure(byRun.get(run.runId) as UsageMeasures) })),
        outsideRuns: measure(allocation.unallocated),
        slots: slotsOf(records, measure),
      });
    }
    const evidence: RoomEvidence[] = rooms.map((room) => ({
      roomId: room.roomId,
      weight: room.quantity,
      runs: room.runs.map(({ run, weight }) => ({ runId: run.runId, weight })),
      outsideRuns: room.outsideRuns,
      slots: room.slots.map((slot) => ({ key: slot.key, weight: slot.weight })),
    }));
    return {
      invoice,
      line,
      rooms,
      split: splitLine(line.roundedAmount, minorUnits(invoice.currency), evidence),
    };
  }
}

function triggerOf(basis: string): Trigger | null {
  if (basis === 'customer_dbu') return 'customer';
  if (basis.startsWith('partner_')) return 'partner';
  return null;
}

function measureOf(basis: string): (m: UsageMeasures) => Dec {
  if (basis === 'partner_cost') return (m) => m.partnerCost;
  if (basis === 'partner_list_cost') return (m) => m.listCost;
  return (m) => m.dbu;
}

/**
 * Records grouped by what they measure (the hour, SKU and account): an original, its retraction
 * and its restatement land in one slot whatever their record ids, so a slot's weight is net.
 */
function slotsOf(
  records: readonly EvidenceRecord[],
  measure: (m: UsageMeasures) => Dec,
): UsageSlot[] {
  const slots = new Map<string, EvidenceRecord[]>();
  for (const record of records) {
    const key = `${record.usageStartTime.toISOString()}|${record.usageEndTime.toISOString()}|${record.skuName}|${record.accountId ?? ''}`;
    slots.set(key, [...(slots.get(key) ?? []), record]);
  }
  return [...slots.entries()].map(([key, members]) => ({
    key,
    start: members[0].usageStartTime,
    end: members[0].usageEndTime,
    skuName: members[0].skuName,
    weight: members.reduce(
      (sum, record) =>
        sum.plus(
          measure({
            dbu: new D(record.dbu),
            listCost: new D(record.listCost),
            partnerCost: new D(record.partnerCost),
          }),
        ),
      new D(0),
    ),
    records: members,
  }));
}
