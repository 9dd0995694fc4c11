import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { minorUnits } from '../../../shared/money/currency';
import { formatDecimal } from '../../../shared/money/decimal';
import { PERIOD_KEY_PATTERN, type BillingPeriod } from '../../../shared/time/billing-period';
import {
  CapOutcomeSchema,
  InformationLineSchema,
  PeriodSchema,
} from '../../pricing/rating/dto/rating-result.schema';
import { UpcomingInvoiceResponse } from '../../pricing/rating/dto/upcoming-invoice.dto';
import type { RatedPeriod } from '../../pricing/rating/period-rating.service';
import type { InvoiceLineDraft } from '../domain/invoice-line';
import { InvoiceLineResponse, InvoiceSegmentSchema } from '../invoices/dto/invoice.dto';
import type { DraftContent } from '../invoices/stored-invoice';

export class PreviewQuery {
  @ApiProperty({
    example: '2025-09',
    description: 'The billing month, in the customer’s time zone',
  })
  @Matches(PERIOD_KEY_PATTERN, { message: '$property must be a month such as 2025-09' })
  period: string;
}

/** A line as it would be invoiced: an invoice line without the id it gets when stored. */
export class PreviewLineSchema extends OmitType(InvoiceLineResponse, ['id'] as const) {
  static from(line: InvoiceLineDraft, position: number, scale: number): PreviewLineSchema {
    const { id: _stored, ...rest } = InvoiceLineResponse.from(
      { ...line, id: '', invoiceId: '', position },
      scale,
    );
    return rest;
  }
}

export class PreviewCreditNoteSchema {
  @ApiProperty({ format: 'uuid', description: 'The invoice it would credit' }) invoiceId: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) amount: string;
  @ApiProperty({ example: '2025-09' }) correctsPeriod: string;

  /** The credit notes a draft would issue against earlier invoices. */
  static from(content: DraftContent): PreviewCreditNoteSchema[] {
    const scale = minorUnits(content.currency);
    return content.credits.map((credit) => ({
      invoiceId: credit.invoiceId,
      amount: formatDecimal(credit.amount, scale),
      correctsPeriod: credit.period,
    }));
  }
}

/** What corrections of earlier invoiced periods a close would add now. */
export class PendingCorrectionsSchema {
  @ApiProperty({
    type: [PreviewLineSchema],
    description: 'Adjustment lines the next invoice would carry for earlier periods',
  })
  lines: PreviewLineSchema[];
  @ApiProperty({
    type: [PreviewCreditNoteSchema],
    description: 'Credit notes that would be issued against earlier invoices',
  })
  creditNotes: PreviewCreditNoteSchema[];

  static from(content: DraftContent): PendingCorrectionsSchema {
    const scale = minorUnits(content.currency);
    return {
      lines: content.lines
        .map((line, position) => ({ line, position }))
        .filter(({ line }) => line.kind === 'adjustment')
        .map(({ line, position }) => PreviewLineSchema.from(line, position, scale)),
      creditNotes: PreviewCreditNoteSchema.from(content),
    };
  }
}

export class InvoicePreviewResponse {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: PeriodSchema }) period: PeriodSchema;
  @ApiProperty({ format: 'date-time', description: 'Rated with the usage received until then' })
  asOf: string;
  @ApiProperty({
    description:
      'Whether the period has ended: a close now would produce exactly this; before, the period to date',
  })
  ended: boolean;
  @ApiProperty({
    description: 'False: no plan in the period and no correction, so a close produces no invoice',
  })
  billable: boolean;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) subtotal: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) adjustments: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) credits: string;
  @ApiProperty({ type: 'string', format: 'decimal', description: 'Σ rounded lines' }) total: string;
  @ApiProperty({ type: [PreviewLineSchema] }) lines: PreviewLineSchema[];
  @ApiProperty({
    type: [InformationLineSchema],
    description:
      'Shown, never in the total: compute the customer paid Databricks for, compute absorbed beyond a cap',
  })
  information: InformationLineSchema[];
  @ApiProperty({ type: [CapOutcomeSchema] }) caps: CapOutcomeSchema[];
  @ApiProperty({ type: [InvoiceSegmentSchema] }) segments: InvoiceSegmentSchema[];
  @ApiProperty({
    type: [PreviewCreditNoteSchema],
    description: 'Credit notes a close would issue against earlier invoices',
  })
  creditNotes: PreviewCreditNoteSchema[];

  static from(
    customerId: string,
    period: BillingPeriod,
    content: DraftContent,
    ended: boolean,
  ): InvoicePreviewResponse {
    const scale = minorUnits(content.currency);
    return {
      customerId,
      period: PeriodSchema.from(period),
      asOf: content.ratedAt.toISOString(),
      ended,
      billable: content.details.segments.length > 0 || content.lines.length > 0,
      currency: content.currency,
      subtotal: formatDecimal(content.totals.subtotal, scale),
      adjustments: formatDecimal(content.totals.adjustments, scale),
      credits: formatDecimal(content.totals.credits, scale),
      total: formatDecimal(content.totals.total, scale),
      lines: content.lines.map((line, position) => PreviewLineSchema.from(line, position, scale)),
      information: [...content.details.information],
      caps: [...content.details.caps],
      segments: [...content.details.segments],
      creditNotes: PreviewCreditNoteSchema.from(content),
    };
  }
}

/** The current period rated to date, with the corrections of earlier periods it would carry. */
export class UpcomingWithCorrectionsResponse extends UpcomingInvoiceResponse {
  @ApiProperty({ type: PendingCorrectionsSchema }) corrections: PendingCorrectionsSchema;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'total plus the adjustment lines: what the invoice would come to if closed now',
  })
  totalWithCorrections: string;

  static fromDraft(
    rated: RatedPeriod,
    content: DraftContent,
    asOf: Date,
  ): UpcomingWithCorrectionsResponse {
    return {
      ...UpcomingInvoiceResponse.from(rated, asOf),
      corrections: PendingCorrectionsSchema.from(content),
      totalWithCorrections: formatDecimal(content.totals.total, minorUnits(content.currency)),
    };
  }
}
