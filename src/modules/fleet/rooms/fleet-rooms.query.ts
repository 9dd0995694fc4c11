import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { Optional } from '../../../shared/validation/optional.decorator';
import { ROOM_STATUSES } from '../domain/cadence';
import { SORT_KEY_NAMES } from '../domain/fleet-sort';

const STATUS_LIST = new RegExp(`^(${ROOM_STATUSES.join('|')})(,(${ROOM_STATUSES.join('|')}))*$`);
const SORT = new RegExp(`^-?(${SORT_KEY_NAMES.join('|')})$`);

export class FleetRoomsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Rooms this customer owns now (a customer key sees only its own)',
  })
  @Optional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({
    example: 'overdue,idle',
    description: `Rooms in any of these statuses (comma-separated): ${ROOM_STATUSES.join(', ')}`,
  })
  @Optional()
  @Matches(STATUS_LIST, {
    message: `status must be a comma-separated list of ${ROOM_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional({ description: 'Rooms that have run a version of this notebook' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  notebookName?: string;

  @ApiPropertyOptional({ description: 'Rooms whose current notebook etag is this one' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  etag?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the room name' })
  @Optional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    default: 'name',
    example: '-monthToDateCost',
    description:
      `One of ${SORT_KEY_NAMES.join(', ')}; a leading \`-\` sorts descending. Ties go by room id; ` +
      'rooms without the value (no owner, no run) come last either way. `status` sorts worst first ' +
      '(overdue, idle, irregular, no_runs, on_schedule); `monthToDateCost` is the partner cost. ' +
      'Customer keys cannot sort by `monthToDateCost` or `monthToDateMargin` (400).',
  })
  @Optional()
  @Matches(SORT, {
    message: `sort must be one of ${SORT_KEY_NAMES.join(', ')}, with - for descending`,
  })
  sort: string = 'name';
}
