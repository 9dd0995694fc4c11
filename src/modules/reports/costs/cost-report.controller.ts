import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { costReportColumns, writeCostCsv } from './cost-report.csv';
import { CostReportPage, CostReportQuery } from './cost-report.dto';
import { CostReportService } from './cost-report.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/reports/costs')
export class CostReportController {
  constructor(private readonly report: CostReportService) {}

  @Get()
  @Access('finance', 'partner', 'customer')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Cost per customer, room, run, notebook, SKU, trigger, day or month: DBU, list cost, partner cost, billed, margin',
    description:
      'Billed money is allocated from the invoice lines to rooms, runs and hours by largest remainder, so any grouping adds up to the invoices ' +
      '(minus their credit notes) to the cent; for a period not invoiced yet it is the rating of the period to date (`billedFrom: estimate`). ' +
      'Paged JSON, or the whole report as streamed CSV with `Accept: text/csv`. Customer keys see their own rows, without partner cost and margin. ' +
      `400 \`invalid_window\`: \`to\` is not after \`from\`, or more than 366 days after it.`,
  })
  @ApiOkResponse({ type: CostReportPage })
  async costs(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: CostReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CostReportPage | undefined> {
    if (!accept?.includes('text/csv')) return this.report.page(principal, query);
    const batches = this.report.rows(principal, query);
    // The first batch before the headers: a refused request still answers with a problem.
    const first = await batches.next();
    response.type('text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="costs-${query.from}-${query.to}.csv"`,
    );
    const partnerView = confinedCustomer(principal) === null;
    await writeCostCsv(response, costReportColumns(partnerView), prepend(first, batches));
    response.end();
    return undefined;
  }
}

async function* prepend<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done === true) return;
  yield first.value;
  yield* rest;
}
