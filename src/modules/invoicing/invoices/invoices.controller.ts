import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { parseDecimal } from '../../../shared/money/decimal';
import { LineBreakdownResponse } from '../breakdown/line-breakdown.dto';
import { LineBreakdownService } from '../breakdown/line-breakdown.service';
import { InvoiceCloseService } from '../close/invoice-close.service';
import {
  CloseInvoicesDto,
  CloseResponse,
  CreateCreditNoteDto,
  CreditNoteResponse,
  InvoicePage,
  InvoiceResponse,
  InvoiceSummaryResponse,
  ListInvoicesQuery,
} from './dto/invoice.dto';
import { invoiceLinesCsv } from './invoice-csv';
import { assertInvoiceVisible, seesDrafts } from './invoice-visibility';
import { CreditNotesService } from '../credit-notes/credit-notes.service';
import { InvoicesService } from './invoices.service';

const READERS = ['finance', 'partner', 'customer'] as const;

@ApiTags('invoices')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Controller('v1/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly credits: CreditNotesService,
    private readonly closing: InvoiceCloseService,
    private readonly breakdowns: LineBreakdownService,
  ) {}

  @Post('close')
  @HttpCode(200)
  @Access('finance')
  @ApiOperation({
    summary:
      'Close a period now: drafts its invoices, finalizes those whose grace has passed (idempotent)',
  })
  @ApiOkResponse({ type: CloseResponse })
  async close(@Body() body: CloseInvoicesDto): Promise<CloseResponse> {
    const outcomes = await this.closing.close(body.period, body.customerId);
    return {
      results: outcomes.map((outcome) => ({
        customerId: outcome.customerId,
        period: outcome.periodKey,
        invoice: outcome.invoice ? InvoiceSummaryResponse.from({ invoice: outcome.invoice }) : null,
        ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      })),
    };
  }

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: 'List invoices (a customer key sees its own)' })
  @ApiOkResponse({ type: InvoicePage })
  async list(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: ListInvoicesQuery,
  ): Promise<InvoicePage> {
    const confined = confinedCustomer(principal);
    if (confined !== null && query.customerId !== undefined && query.customerId !== confined) {
      return { data: [], nextCursor: null };
    }
    const page = await this.invoices.list(
      {
        customerId: confined ?? query.customerId,
        periodKey: query.period,
        status: query.status,
        issuedOnly: !seesDrafts(principal),
      },
      query,
    );
    return {
      data: page.items.map((invoice) => InvoiceSummaryResponse.from({ invoice })),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Access(...READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'An invoice with its lines; its lines as CSV with Accept: text/csv' })
  @ApiOkResponse({ type: InvoiceResponse })
  async get(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InvoiceResponse | string> {
    const view = await this.invoices.findOrThrow(id);
    assertInvoiceVisible(principal, view.invoice);
    const invoice = InvoiceResponse.fromView(view);
    if (accept?.includes('text/csv')) {
      response.type('text/csv; charset=utf-8');
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="${invoice.number ?? invoice.id}.csv"`,
      );
      return invoiceLinesCsv(invoice);
    }
    return invoice;
  }

  @Post(':id/recompute')
  @HttpCode(200)
  @Access('finance')
  @ApiOperation({ summary: 'Rate a draft again with the usage received so far' })
  @ApiOkResponse({ type: InvoiceResponse })
  async recompute(@Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceResponse> {
    return InvoiceResponse.fromView(await this.invoices.recompute(id));
  }

  @Post(':id/finalize')
  @HttpCode(200)
  @Access('finance')
  @ApiOperation({ summary: 'Finalize a draft now: numbered, immutable, queued for Stripe' })
  @ApiOkResponse({ type: InvoiceResponse })
  async finalize(@Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceResponse> {
    return InvoiceResponse.fromView(await this.invoices.finalize(id));
  }

  @Post(':id/credit-notes')
  @Access('finance')
  @ApiOperation({ summary: 'Issue a credit note against a finalized invoice (numbered CN-…)' })
  @ApiCreatedResponse({ type: CreditNoteResponse })
  async credit(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateCreditNoteDto,
  ): Promise<CreditNoteResponse> {
    return CreditNoteResponse.from(
      await this.credits.issueCreditNote(id, parseDecimal(body.amount), body.reason),
    );
  }

  @Get(':id/lines/:lineId/breakdown')
  @Access(...READERS)
  @ApiOperation({
    summary: 'Rooms → runs → usage records behind a line, its amount split exactly at each level',
  })
  @ApiOkResponse({ type: LineBreakdownResponse })
  async breakdown(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('lineId', new ParseUUIDPipe()) lineId: string,
  ): Promise<LineBreakdownResponse> {
    return LineBreakdownResponse.from(await this.breakdowns.breakdown(principal, id, lineId));
  }

  @Get(':id/credit-notes')
  @Access(...READERS)
  @ApiOperation({ summary: 'The credit notes against an invoice' })
  @ApiOkResponse({ type: [CreditNoteResponse] })
  async creditNotes(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<CreditNoteResponse[]> {
    const view = await this.invoices.findOrThrow(id);
    assertInvoiceVisible(principal, view.invoice);
    return (await this.credits.creditNotesOf(id)).map((note) => CreditNoteResponse.from(note));
  }
}
