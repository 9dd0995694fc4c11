import { Injectable } from '@nestjs/common';
import type { PeriodInvoice } from '../../invoicing/queries/period-documents.reader';
import { PeriodDocumentsReader } from '../../invoicing/queries/period-documents.reader';
import { RoomNames } from '../../registry/rooms/room-names';
import { RoomRunsReader } from '../../usage/queries/room-runs.reader';
import type { BilledInvoiceLine } from '../../invoicing/queries/billed-periods.reader';
import type { BilledPiece, Charge, CostBatch } from '../costs/cost-cells.source';
import type { CostCell } from '../domain/cost-cell';
import type { InvoiceContext, RoomContext } from './focus-context';
import { lineRow } from './focus-line-row';
import type { FocusRow } from './focus-row';

type LinePiece = BilledPiece & { readonly charge: Extract<Charge, { kind: 'line' }> };

/**
 * One batch of CostCellsSource (a room's, or the customer's money without a room) as FOCUS rows:
 * a row per piece of an invoice line, ordered by line position, hour, run, SKU and trigger.
 * Credit notes against the invoice are left to the export's own credit-note rows (§1).
 */
@Injectable()
export class FocusRoomRows {
  constructor(
    private readonly rooms: RoomNames,
    private readonly runs: RoomRunsReader,
    private readonly documents: PeriodDocumentsReader,
  ) {}

  async rows(
    context: InvoiceContext & { readonly correctedNumbers: Map<string, string> },
    invoice: PeriodInvoice,
    batch: CostBatch,
  ): Promise<FocusRow[]> {
    const pieces = batch.pieces.filter((piece): piece is LinePiece => piece.charge.kind === 'line');
    if (pieces.length === 0) return [];
    const roomId = pieces[0].cell.roomId;
    const room =
      roomId === null ? null : await this.roomOf(context.customerId, roomId, invoice, batch.cells);
    await this.learnCorrected(context.correctedNumbers, pieces);
    return pieces
      .sort(comparePieces)
      .map((piece) => lineRow(context, room, lineOf(piece), piece.cell, piece.amount));
  }

  private async roomOf(
    customerId: string,
    roomId: string,
    invoice: PeriodInvoice,
    cells: readonly CostCell[],
  ): Promise<RoomContext> {
    const names = await this.rooms.of([roomId]);
    const runs = await this.runs.ownedBy(
      roomId,
      customerId,
      invoice.periodStart,
      invoice.periodEnd,
    );
    return {
      roomId,
      name: names.get(roomId) ?? null,
      etags: new Map(runs.map((run) => [run.runId, run.notebookEtag])),
      cells,
    };
  }

  /** Numbers of the invoices the batch's adjustment lines correct, read once per export. */
  private async learnCorrected(
    known: Map<string, string>,
    pieces: readonly LinePiece[],
  ): Promise<void> {
    const missing = new Set<string>();
    for (const piece of pieces) {
      const id = lineOf(piece).correctsInvoiceId;
      if (id !== null && !known.has(id)) missing.add(id);
    }
    if (missing.size === 0) return;
    for (const [id, number] of await this.documents.numbers([...missing])) known.set(id, number);
  }
}

function lineOf(piece: LinePiece): BilledInvoiceLine {
  return piece.charge.line;
}

function comparePieces(a: LinePiece, b: LinePiece): number {
  return (
    lineOf(a).position - lineOf(b).position ||
    a.cell.at.getTime() - b.cell.at.getTime() ||
    compareText(a.cell.runId, b.cell.runId) ||
    compareText(a.cell.skuName, b.cell.skuName) ||
    compareText(a.cell.trigger, b.cell.trigger)
  );
}

/** Code-unit order, null first (usage outside runs before the runs of the same hour). */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
