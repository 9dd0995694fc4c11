import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { FleetRoomPage } from './fleet-room.dto';
import { fleetCsv } from './fleet-rooms.csv';
import { FleetRoomsQuery } from './fleet-rooms.query';
import { FleetRoomsService } from './fleet-rooms.service';

@ApiTags('fleet')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/fleet/rooms')
export class FleetRoomsController {
  constructor(private readonly fleet: FleetRoomsService) {}

  @Get()
  @Access('finance', 'partner', 'customer')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Every room with its owner, notebook versions, last run, 7-day runs and failures, schedule status, month-to-date usage, bill and cap use',
    description:
      'One row per registered room, its owner being the one now. Runs: the last run, the runs started in the 7 days up to now and ' +
      'those of them that completed in another state than SUCCESS. Cadence and status: see `status` and `cadenceSeconds`. ' +
      "Month to date: the owner's usage of the room in the owner's billing period that holds now, and the room's part of that " +
      "period's bill (the invoice once issued, else the rating to date) and the owner's cap use, read together per customer and " +
      'kept for FLEET_MONTH_MAX_AGE (`monthToDate.asOf`). The whole fleet (no `customerId`) is a snapshot of every room kept for ' +
      'FLEET_SNAPSHOT_MAX_AGE (page `asOf`); one customer is read now. Filters combine (all must hold). Paged JSON, or every matching row as ' +
      'CSV with `Accept: text/csv` (limit and cursor do not apply). Customer keys see the rooms their customer owns now, runs and ' +
      'etags from the start of that ownership only, and no partner cost or margin (nor the cap use of a cap measured in cost).',
  })
  @ApiOkResponse({ type: FleetRoomPage })
  async list(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: FleetRoomsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FleetRoomPage | undefined> {
    if (!accept?.includes('text/csv')) return this.fleet.page(principal, query);
    const rows = await this.fleet.all(principal, query);
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="fleet-rooms.csv"');
    response.send(fleetCsv(rows, confinedCustomer(principal) === null));
    return undefined;
  }
}
