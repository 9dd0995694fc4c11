import { ApiProperty } from '@nestjs/swagger';
import { PartnerOnly } from '../../../shared/visibility/partner-only.decorator';
import { minorUnits } from '../../../shared/money/currency';
import { D, formatDecimal, type Dec } from '../../../shared/money/decimal';
import type { LineBreakdown } from './line-breakdown.service';

export class BreakdownRecordSchema {
  @ApiProperty() recordId: string;
  @ApiProperty({ enum: ['ORIGINAL', 'RETRACTION', 'RESTATEMENT'] }) recordType: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) dbu: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) listCost: string;
  @PartnerOnly()
  @ApiProperty({ type: 'string', format: 'decimal' })
  partnerCost: string;
}

export class BreakdownUsageSchema {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty() skuName: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Net, in the line’s basis' })
  weight: string;
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true }) amount: string | null;
  @ApiProperty({ type: [BreakdownRecordSchema] }) records: BreakdownRecordSchema[];
}

export class BreakdownRunSchema {
  @ApiProperty() runId: string;
  @ApiProperty({ type: 'string', nullable: true }) notebookName: string | null;
  @ApiProperty({ type: 'string', nullable: true }) initiator: string | null;
  @ApiProperty({ type: 'string', nullable: true }) state: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: 'string', format: 'decimal' }) weight: string;
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true }) amount: string | null;
}

export class BreakdownPartSchema {
  @ApiProperty({ type: 'string', format: 'decimal' }) weight: string;
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true }) amount: string | null;
}

export class BreakdownRoomSchema {
  @ApiProperty() roomId: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) quantity: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'The room’s part of the line' })
  amount: string;
  @ApiProperty({ type: [BreakdownRunSchema] }) runs: BreakdownRunSchema[];
  @ApiProperty({ type: BreakdownPartSchema, description: 'Usage in hours no run overlaps' })
  outsideRuns: BreakdownPartSchema;
  @ApiProperty({ type: [BreakdownUsageSchema] }) usage: BreakdownUsageSchema[];
}

export class LineBreakdownResponse {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ type: 'string', nullable: true }) invoiceNumber: string | null;
  @ApiProperty({ format: 'uuid' }) lineId: string;
  @ApiProperty() description: string;
  @ApiProperty() basis: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'The line’s rounded amount' })
  amount: string;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'Not tied to a room: period fees, corrections',
  })
  unattributed: string;
  @ApiProperty({ type: [BreakdownRoomSchema] }) rooms: BreakdownRoomSchema[];

  static from(breakdown: LineBreakdown): LineBreakdownResponse {
    const { invoice, line, split } = breakdown;
    const scale = minorUnits(invoice.currency);
    const money = (value: Dec | null | undefined) =>
      value === null || value === undefined ? null : formatDecimal(value, scale);
    return {
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      lineId: line.id,
      description: line.description,
      basis: line.basis,
      currency: invoice.currency,
      amount: formatDecimal(line.roundedAmount, scale),
      unattributed: formatDecimal(split.unattributed, scale),
      rooms: breakdown.rooms.map((room, i) => {
        const part = split.rooms[i];
        return {
          roomId: room.roomId,
          quantity: formatDecimal(room.quantity),
          amount: formatDecimal(part.amount, scale),
          runs: room.runs.map(({ run, weight }, r) => ({
            runId: run.runId,
            notebookName: run.notebookName,
            initiator: run.initiator,
            state: run.state,
            startedAt: run.startedAt?.toISOString() ?? null,
            endedAt: run.endedAt?.toISOString() ?? null,
            weight: formatDecimal(weight),
            amount: money(part.runs?.[r]),
          })),
          outsideRuns: { weight: formatDecimal(room.outsideRuns), amount: money(part.outsideRuns) },
          usage: room.slots.map((slot, s) => ({
            start: slot.start.toISOString(),
            end: slot.end.toISOString(),
            skuName: slot.skuName,
            weight: formatDecimal(slot.weight),
            amount: money(part.slots?.[s]),
            records: slot.records.map((record) => ({
              recordId: record.recordId,
              recordType: record.recordType,
              dbu: formatDecimal(new D(record.dbu)),
              listCost: formatDecimal(new D(record.listCost)),
              partnerCost: formatDecimal(new D(record.partnerCost)),
            })),
          })),
        };
      }),
    };
  }
}
