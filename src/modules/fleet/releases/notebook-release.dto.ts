import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { IsDateTime } from '../../../shared/validation/is-date-time.decorator';
import { Optional } from '../../../shared/validation/optional.decorator';
import { RELEASE_ROOM_STATUSES } from '../domain/release-status';
import type { NotebookReleaseEntity } from './notebook-release.entity';

const NOT_BLANK = /\S/;

export class CreateNotebookReleaseDto {
  @ApiProperty({ example: 'overlap_report', maxLength: 200, description: 'The notebook released' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  notebookName: string;

  @ApiProperty({
    example: '7f3c2a91',
    maxLength: 200,
    description: 'The notebook version (etag) every room should run',
  })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  etag: string;

  @ApiProperty({ format: 'date-time', description: 'When the version was released' })
  @IsDateTime()
  releasedAt: Date;

  @ApiProperty({
    format: 'date-time',
    description: 'When every room must run it by; not before releasedAt',
  })
  @IsDateTime()
  cutoverAt: Date;
}

export class ListNotebookReleasesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Releases of this notebook' })
  @Optional()
  @IsString()
  @Length(1, 200)
  notebookName?: string;
}

export class NotebookReleaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() notebookName: string;
  @ApiProperty() etag: string;
  @ApiProperty({ format: 'date-time' }) releasedAt: string;
  @ApiProperty({ format: 'date-time' }) cutoverAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(release: NotebookReleaseEntity): NotebookReleaseResponse {
    return {
      id: release.id,
      notebookName: release.notebookName,
      etag: release.etag,
      releasedAt: release.releasedAt.toISOString(),
      cutoverAt: release.cutoverAt.toISOString(),
      createdAt: release.createdAt.toISOString(),
    };
  }
}

export class NotebookReleasePage {
  @ApiProperty({ type: [NotebookReleaseResponse], description: 'Newest first' })
  data: NotebookReleaseResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class ReleaseCountsSchema {
  @ApiProperty({ type: 'integer' }) rooms: number;
  @ApiProperty({ type: 'integer' }) current: number;
  @ApiProperty({ type: 'integer' }) behind: number;
  @ApiProperty({ type: 'integer' }) behindPastCutover: number;
  @ApiProperty({ type: 'integer' }) neverRan: number;
}

export class ReleaseRunSchema {
  @ApiProperty() runId: string;
  @ApiProperty() etag: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null while running' })
  state: string | null;
}

export class ReleaseFirstRunSchema {
  @ApiProperty() runId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
}

export class ReleaseRoomSchema {
  @ApiProperty() roomId: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: RELEASE_ROOM_STATUSES,
    description:
      "`current`: the room's latest run of the notebook ran the released etag (or that of a later release of the notebook); " +
      '`behind`: it ran another etag, and the cutover is still ahead; `behind_past_cutover`: the same from the cutover on; ' +
      '`never_ran`: the room has no run at all yet',
  })
  status: string;
  @ApiProperty({
    type: ReleaseFirstRunSchema,
    nullable: true,
    description: 'The first run on the released etag, if any',
  })
  firstRunOnRelease: ReleaseFirstRunSchema | null;
  @ApiProperty({
    type: ReleaseRunSchema,
    nullable: true,
    description: 'The latest run of the notebook, with the etag it ran',
  })
  lastRun: ReleaseRunSchema | null;
}

export class ReleaseCustomerSchema {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The owner now (null: rooms without an owner)',
  })
  customerId: string | null;
  @ApiProperty({ type: ReleaseCountsSchema }) counts: ReleaseCountsSchema;
  @ApiProperty({ type: [ReleaseRoomSchema], description: 'By room name, then id' })
  rooms: ReleaseRoomSchema[];
}

export class NotebookReleaseDetail extends NotebookReleaseResponse {
  @ApiProperty({ format: 'date-time', description: 'The instant the rooms were read at' })
  asOf: string;
  @ApiProperty({ type: ReleaseCountsSchema, description: 'Over every room listed' })
  counts: ReleaseCountsSchema;
  @ApiProperty({
    type: [ReleaseCustomerSchema],
    description:
      'The rooms that have run a version of the notebook, and the rooms that have never run anything, per owner now (by customer id, rooms without an owner last)',
  })
  customers: ReleaseCustomerSchema[];
}
