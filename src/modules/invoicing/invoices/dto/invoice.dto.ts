import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NO_INVOICE_REASONS, type NoInvoiceReason } from '../../domain/no-invoice-reason';
import { IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../../../../shared/http/page-query.dto';
import { formatDecimal } from '../../../../shared/money/decimal';
import { minorUnits } from '../../../../shared/money/currency';
import { IsDecimalString } from '../../../../shared/validation/is-decimal-string.decorator';
import { Optional } from '../../../../shared/validation/optional.decorator';
import {
  CapOutcomeSchema,
  InformationLineSchema,
  LineSourceSchema,
  TierAmountSchema,
} from '../../../pricing/rating/dto/rating-result.schema';
import { tierAmountToJson } from '../../../pricing/domain/charge-amount.serializer';
import { INVOICE_STATUSES, type InvoiceStatus } from '../../domain/invoice-status';
import type { StoredCreditNote } from '../../credit-notes/stored-credit-note';
import type { InvoiceView } from '../invoices.service';
import type { StoredInvoiceLine } from '../stored-invoice';

const PERIOD_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CloseInvoicesDto {
  @ApiProperty({
    example: '2026-10',
    description: 'The billing month, in each customer’s time zone',
  })
  @Matches(PERIOD_KEY, { message: '$property must be a month such as 2026-10' })
  period: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One customer; all customers with a plan if left out',
  })
  @Optional()
  @IsUUID()
  customerId?: string;
}

export class ListInvoicesQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ example: '2026-10' })
  @Optional()
  @Matches(PERIOD_KEY, { message: '$property must be a month such as 2026-10' })
  period?: string;

  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @Optional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;
}

export class CreateCreditNoteDto {
  @IsDecimalString({
    pattern: /^\d{1,20}(\.\d{1,4})?$/,
    message: '$property must be a positive decimal string such as "25.00"',
    example: '25.00',
  })
  amount: string;

  @ApiProperty({ example: 'Goodwill credit for the outage of 3 March' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class InvoiceLineResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: ['charge', 'overage', 'adjustment'] }) kind: string;
  @ApiProperty() chargeKey: string;
  @ApiProperty() description: string;
  @ApiProperty() basis: string;
  @ApiProperty() model: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) planVersionId: string | null;
  @ApiProperty({ format: 'date-time' }) segmentFrom: string;
  @ApiProperty({ format: 'date-time' }) segmentTo: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) quantity: string;
  @ApiProperty({ type: 'string', format: 'decimal', nullable: true }) unitPrice: string | null;
  @ApiProperty({ type: 'string', format: 'decimal' }) amount: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) roundedAmount: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'Adjustments: the period corrected' })
  correctsPeriod: string | null;
  @ApiProperty({ type: [TierAmountSchema] }) breakdown: TierAmountSchema[];
  @ApiProperty({ type: [LineSourceSchema] }) rooms: LineSourceSchema[];

  static from(line: StoredInvoiceLine, scale: number): InvoiceLineResponse {
    return {
      id: line.id,
      position: line.position,
      kind: line.kind,
      chargeKey: line.chargeKey,
      description: line.description,
      basis: line.basis,
      model: line.model,
      planVersionId: line.planVersionId,
      segmentFrom: line.segmentFrom.toISOString(),
      segmentTo: line.segmentTo.toISOString(),
      quantity: formatDecimal(line.quantity),
      unitPrice: line.unitPrice === null ? null : formatDecimal(line.unitPrice),
      amount: formatDecimal(line.amount),
      roundedAmount: formatDecimal(line.roundedAmount, scale),
      correctsPeriod: line.correctsPeriod,
      // Stored already as decimal strings.
      breakdown: line.breakdown.map((entry) => tierAmountToJson(entry)),
      rooms: line.rooms.map((room) => ({
        roomId: room.roomId,
        quantity: formatDecimal(room.quantity),
      })),
    };
  }
}

export class CreditNotePaymentSchema {
  @ApiProperty({ enum: ['none', 'pending', 'synced', 'failed', 'disabled'] }) sync: string;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
  @ApiProperty({ type: 'string', nullable: true }) stripeCreditNoteId: string | null;
}

export class CreditNoteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CN-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) amount: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'string', nullable: true }) correctsPeriod: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: CreditNotePaymentSchema }) payment: CreditNotePaymentSchema;

  static from(note: StoredCreditNote): CreditNoteResponse {
    return {
      id: note.id,
      number: note.number,
      invoiceId: note.invoiceId,
      currency: note.currency,
      amount: formatDecimal(note.amount, minorUnits(note.currency)),
      reason: note.reason,
      correctsPeriod: note.correctsPeriod,
      createdAt: note.createdAt.toISOString(),
      payment: {
        sync: note.paymentSync,
        error: note.paymentSyncError,
        stripeCreditNoteId: note.stripeCreditNoteId,
      },
    };
  }
}

export class InvoicePaymentSchema {
  @ApiProperty({ enum: ['none', 'pending', 'synced', 'failed', 'disabled'] }) sync: string;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
  @ApiProperty({ type: 'string', nullable: true }) stripeCustomerId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) stripeInvoiceId: string | null;
}

export class InvoiceSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'INV-2026-000001' }) number:
    string | null;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ format: 'date-time' }) periodStart: string;
  @ApiProperty({ format: 'date-time' }) periodEnd: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: INVOICE_STATUSES }) status: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) subtotal: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) adjustments: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) credits: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Σ rounded lines' }) total: string;
  @ApiProperty({ format: 'date-time' }) ratedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finalizedAt: string | null;
  @ApiProperty({ type: InvoicePaymentSchema }) payment: InvoicePaymentSchema;

  static from(view: Pick<InvoiceView, 'invoice'>): InvoiceSummaryResponse {
    const { invoice } = view;
    const scale = minorUnits(invoice.currency);
    return {
      id: invoice.id,
      number: invoice.number,
      customerId: invoice.customerId,
      period: invoice.periodKey,
      periodStart: invoice.periodStart.toISOString(),
      periodEnd: invoice.periodEnd.toISOString(),
      timeZone: invoice.timeZone,
      currency: invoice.currency,
      status: invoice.status,
      subtotal: formatDecimal(invoice.subtotal, scale),
      adjustments: formatDecimal(invoice.adjustments, scale),
      credits: formatDecimal(invoice.credits, scale),
      total: formatDecimal(invoice.total, scale),
      ratedAt: invoice.ratedAt.toISOString(),
      finalizedAt: invoice.finalizedAt?.toISOString() ?? null,
      payment: {
        sync: invoice.paymentSync,
        error: invoice.paymentSyncError,
        stripeCustomerId: invoice.stripeCustomerId,
        stripeInvoiceId: invoice.stripeInvoiceId,
      },
    };
  }
}

export class InvoiceSegmentSchema {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) factor: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) planVersionId: string;
  @ApiProperty() version: number;
  @ApiProperty() model: string;
}

export class IssuedCreditNoteSchema {
  @ApiProperty() number: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) amount: string;
  @ApiProperty() correctsPeriod: string;
}

export class InvoiceResponse extends InvoiceSummaryResponse {
  @ApiProperty({ type: [InvoiceLineResponse] }) lines: InvoiceLineResponse[];
  @ApiProperty({
    type: [InformationLineSchema],
    description:
      'Shown, never in the total: compute you paid Databricks for, compute absorbed beyond a cap',
  })
  information: InformationLineSchema[];
  @ApiProperty({ type: [CapOutcomeSchema] }) caps: CapOutcomeSchema[];
  @ApiProperty({ type: [InvoiceSegmentSchema] }) segments: InvoiceSegmentSchema[];
  @ApiProperty({
    type: [IssuedCreditNoteSchema],
    description: 'Credit notes issued with it for earlier periods',
  })
  creditNotes: IssuedCreditNoteSchema[];

  static fromView(view: InvoiceView): InvoiceResponse {
    const scale = minorUnits(view.invoice.currency);
    const { details } = view.invoice;
    return {
      ...InvoiceSummaryResponse.from(view),
      lines: view.lines.map((line) => InvoiceLineResponse.from(line, scale)),
      information: [...details.information],
      caps: [...details.caps],
      segments: [...details.segments],
      creditNotes: [...details.creditNotes],
    };
  }
}

export class InvoicePage {
  @ApiProperty({ type: [InvoiceSummaryResponse] }) data: InvoiceSummaryResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class CloseOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() period: string;
  @ApiProperty({
    type: InvoiceSummaryResponse,
    nullable: true,
    description: 'Null: none, and `reason` says why',
  })
  invoice: InvoiceSummaryResponse | null;
  @ApiPropertyOptional({
    enum: NO_INVOICE_REASONS,
    description:
      'Why there is no invoice: no plan in effect in the period (and no correction to carry), the period has not ended in the customer’s time zone, or closing failed (see error)',
  })
  reason?: NoInvoiceReason;
  @ApiPropertyOptional({ description: 'Why this customer could not be closed; the others were' })
  error?: string;
}

export class CloseResponse {
  @ApiProperty({ type: [CloseOutcomeResponse] }) results: CloseOutcomeResponse[];
}
