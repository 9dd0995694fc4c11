import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { D, formatDecimal } from '../../../shared/money/decimal';
import { tierAmountToJson } from '../../pricing/domain/charge-amount.serializer';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import type { StoredInvoiceLine } from './stored-invoice';

export interface LineRow {
  id: string;
  invoice_id: string;
  position: number;
  kind: InvoiceLineDraft['kind'];
  charge_key: string;
  description: string;
  basis: string;
  model: string;
  plan_version_id: string | null;
  segment_from: Date;
  segment_to: Date;
  quantity: string;
  unit_price: string | null;
  amount: string;
  rounded_amount: string;
  corrects_period: string | null;
  corrects_invoice_id: string | null;
  breakdown: InvoiceLineDraft['breakdown'];
  rooms: { roomId: string; quantity: string }[];
}

/** An invoice's lines, written with its draft and never changed once it is finalized. */
@Injectable()
export class InvoiceLinesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async linesOf(
    invoiceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredInvoiceLine[]> {
    const rows: LineRow[] = await manager.query(
      `SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [invoiceId],
    );
    return rows.map(toLine);
  }

  async deleteLines(manager: EntityManager, invoiceId: string): Promise<void> {
    await manager.query(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [invoiceId]);
  }

  /** All lines in one statement. */
  async insertLines(
    manager: EntityManager,
    invoiceId: string,
    lines: readonly InvoiceLineDraft[],
  ): Promise<void> {
    if (lines.length === 0) return;
    const COLUMNS = 18;
    const values: unknown[] = [];
    const tuples = lines.map((line, position) => {
      values.push(
        invoiceId,
        position + 1,
        line.kind,
        line.chargeKey,
        line.description,
        line.basis,
        line.model,
        line.planVersionId,
        line.segmentFrom,
        line.segmentTo,
        formatDecimal(line.quantity),
        line.unitPrice === null ? null : formatDecimal(line.unitPrice),
        formatDecimal(line.amount),
        formatDecimal(line.roundedAmount),
        line.correctsPeriod,
        line.correctsInvoiceId,
        JSON.stringify(line.breakdown.map(tierAmountToJson)),
        JSON.stringify(
          line.rooms.map((room) => ({
            roomId: room.roomId,
            quantity: formatDecimal(room.quantity),
          })),
        ),
      );
      const first = position * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO invoice_lines (invoice_id, position, kind, charge_key, description, basis, model, plan_version_id,
                                  segment_from, segment_to, quantity, unit_price, amount, rounded_amount,
                                  corrects_period, corrects_invoice_id, breakdown, rooms)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

export function toLine(row: LineRow): StoredInvoiceLine {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    position: row.position,
    kind: row.kind,
    chargeKey: row.charge_key,
    description: row.description,
    basis: row.basis,
    model: row.model,
    planVersionId: row.plan_version_id,
    segmentFrom: new Date(row.segment_from),
    segmentTo: new Date(row.segment_to),
    quantity: new D(row.quantity),
    unitPrice: row.unit_price === null ? null : new D(row.unit_price),
    amount: new D(row.amount),
    roundedAmount: new D(row.rounded_amount),
    correctsPeriod: row.corrects_period,
    correctsInvoiceId: row.corrects_invoice_id,
    // Stored as JSON strings of decimals; lines read back are shown, not re-rated.
    breakdown: row.breakdown,
    rooms: row.rooms.map((room) => ({ roomId: room.roomId, quantity: new D(room.quantity) })),
  };
}
