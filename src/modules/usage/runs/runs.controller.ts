import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { badRequest } from '../../../shared/errors/domain-error';
import { RoomRunsResponse, RunsQuery } from './runs.dto';
import { RunsService } from './runs.service';

const MAX_WINDOW_MS = 366 * 24 * 3_600_000;

@ApiTags('runs')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  // Partner cost and margins are the partner's business: no customer keys here.
  @Access('finance', 'partner')
  @ApiOperation({
    summary: 'Runs of a room in a window, each with the DBU and cost allocated to it',
  })
  @ApiOkResponse({ type: RoomRunsResponse })
  async list(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: RunsQuery,
  ): Promise<RoomRunsResponse> {
    const span = query.to.getTime() - query.from.getTime();
    if (span <= 0 || span > MAX_WINDOW_MS) {
      throw badRequest('invalid_window', 'to must be after from, and the window at most 366 days', [
        {
          field: 'to',
          code: 'invalid_window',
          message: 'to must be after from, at most 366 days later',
        },
      ]);
    }
    return RoomRunsResponse.from(
      await this.runs.forRoom(principal, query.roomId.toLowerCase(), query.from, query.to),
    );
  }
}
