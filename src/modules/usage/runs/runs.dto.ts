import { ApiProperty } from '@nestjs/swagger';
import { PartnerOnly } from '../../../shared/visibility/partner-only.decorator';
import { Type } from 'class-transformer';
import { IsDate, Matches } from 'class-validator';
import { formatDecimal } from '../../../shared/money/decimal';
import { RoomRunsView, RunCost, RunView } from './runs.service';

export class RunsQuery {
  @ApiProperty({ description: 'central_clean_room_id' })
  @Matches(/^[0-9a-fA-F-]{36}$/, { message: '$property must be a central_clean_room_id (uuid)' })
  roomId: string;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  @Type(() => Date)
  @IsDate()
  to: Date;
}

export class RunCostResponse {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) dbu: string;
  @ApiProperty({ type: 'string', format: 'decimal' }) listCost: string;
  @PartnerOnly()
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'What the partner paid (0 when the customer triggered it)',
  })
  partnerCost: string;

  static from(cost: RunCost): RunCostResponse {
    return {
      currency: cost.currency,
      dbu: formatDecimal(cost.dbu),
      listCost: formatDecimal(cost.listCost),
      partnerCost: formatDecimal(cost.partnerCost),
    };
  }
}

export class RunResponse {
  @ApiProperty() runId: string;
  @ApiProperty() roomId: string;
  @ApiProperty({ type: 'string', nullable: true }) notebookName: string | null;
  @ApiProperty({ type: 'string', nullable: true }) notebookEtag: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Sharing identifier of who started it',
  })
  initiator: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'SUCCESS, FAILED, …; null while running',
  })
  state: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({
    type: 'string',
    format: 'decimal',
    description: 'DBU allocated to the run in the window',
  })
  dbu: string;
  @ApiProperty({ type: [RunCostResponse] }) costs: RunCostResponse[];

  static from({ run, dbu, costs }: RunView): RunResponse {
    return {
      runId: run.runId,
      roomId: run.roomId,
      notebookName: run.notebookName,
      notebookEtag: run.notebookEtag,
      initiator: run.initiator,
      state: run.state,
      startedAt: run.startedAt ? run.startedAt.toISOString() : null,
      endedAt: run.endedAt ? run.endedAt.toISOString() : null,
      dbu: formatDecimal(dbu),
      costs: costs.map((c) => RunCostResponse.from(c)),
    };
  }
}

export class RoomRunsResponse {
  @ApiProperty({ type: [RunResponse] }) runs: RunResponse[];
  @ApiProperty({ type: [RunCostResponse], description: 'Usage in hours that no run overlaps' })
  unallocated: RunCostResponse[];

  static from(view: RoomRunsView): RoomRunsResponse {
    return {
      runs: view.runs.map((r) => RunResponse.from(r)),
      unallocated: view.unallocated.map((c) => RunCostResponse.from(c)),
    };
  }
}
