import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { FOCUS_VERSION } from './focus-columns';
import { writeFocusCsv } from './focus-csv';
import { FocusExportQuery } from './focus-export.dto';
import { FocusExportService } from './focus-export.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/reports/focus')
export class FocusExportController {
  private readonly logger = new Logger(FocusExportController.name);

  constructor(private readonly focus: FocusExportService) {}

  @Get()
  @Access('finance', 'partner', 'customer')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `A billing period's invoices and credit notes as FOCUS ${FOCUS_VERSION} cost and usage rows (CSV)`,
    description:
      `The FOCUS ${FOCUS_VERSION} Cost and Usage columns the service can fill, in the specification's order, then x_InvoiceLineId, ` +
      'x_Trigger, x_CorrectsPeriod and x_CorrectsInvoiceId (docs/focus.md maps every column). One row per piece of an issued invoice line ' +
      '(a period fee; a room fee per room; a per-run fee per partner run; usage per room, run, SKU and hour; an adjustment line), and one ' +
      'per credit note of the period; BilledCost adds up to each document (InvoiceId) to the cent. Drafts are never exported. ' +
      'Timestamps are UTC `YYYY-MM-DDTHH:mm:ssZ`, decimals plain strings, Tags and SkuPriceDetails JSON, null an empty field. ' +
      'No column holds the partner cost. 404 `period_not_invoiced`: the period has no issued invoice and no credit note.',
  })
  @ApiOkResponse({
    description: 'CSV (RFC 4180, UTF-8), streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async export(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: FocusExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    // Settled before the headers: a period with nothing to export still answers with a problem.
    const items = await this.focus.plan(principal, query);
    response.status(200);
    response.type('text/csv; charset=utf-8');
    const who = query.customerId ?? (items.length === 1 ? items[0].customer.id : 'all');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="focus-${query.period}-${who}.csv"`,
    );
    try {
      await writeFocusCsv(response, this.focus.rows(items));
    } catch (error) {
      this.logger.error(`FOCUS export of ${query.period} stopped: ${String(error)}`);
      // Headers are gone: a truncated file must not look complete, so the connection is cut.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    response.end();
  }
}
