import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { D, formatDecimal } from '../../../shared/money/decimal';
import { QuarantinedRecordResponse, QuarantinePage, QuarantineQuery } from './quarantine.dto';
import { QuarantineRepository } from './quarantine.repository';

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/usage/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineRepository) {}

  @Get()
  @Access('ingest', 'finance', 'partner')
  @ApiOperation({
    summary:
      'Usage kept aside until its room, owner, trigger or price is known; resolved automatically on registration',
  })
  @ApiOkResponse({ type: QuarantinePage })
  async list(@Query() query: QuarantineQuery): Promise<QuarantinePage> {
    const filter = { reason: query.reason, roomId: query.roomId?.toLowerCase() };
    const [page, totals] = [
      await this.quarantine.page(filter, query),
      await this.quarantine.totals(filter),
    ];
    return {
      data: page.items.map((row) => QuarantinedRecordResponse.from(row)),
      nextCursor: page.nextCursor,
      totals: totals.map((total) => ({ ...total, dbu: formatDecimal(new D(total.dbu)) })),
    };
  }
}
