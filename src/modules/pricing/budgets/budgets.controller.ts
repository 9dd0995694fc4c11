import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseRoomIdPipe } from '../../registry/rooms/room-id.pipe';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { BudgetResponse } from './budget.dto';
import { BudgetsService } from './budgets.service';

const READERS = ['partner', 'finance', 'customer'] as const;

@ApiTags('budgets')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @Get('customers/:id/budget')
  @Access(...READERS)
  @ApiOperation({ summary: 'Exposure used against the bundled cap this period, with its status' })
  @ApiOkResponse({ type: BudgetResponse })
  async customer(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<BudgetResponse> {
    return BudgetResponse.from(await this.budgets.forCustomer(principal, id));
  }

  @Get('rooms/:id/budget')
  @Access(...READERS)
  @ApiProblems(409)
  @ApiOperation({
    summary: 'The budget of the room’s owner, for a run scheduler to read before each run',
  })
  @ApiOkResponse({ type: BudgetResponse })
  async room(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', new ParseRoomIdPipe()) id: string,
  ): Promise<BudgetResponse> {
    return BudgetResponse.from(await this.budgets.forRoom(principal, id));
  }
}
