import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { Optional } from '../../../shared/validation/optional.decorator';
import { OutcomeCountsSchema, RecordProblemSchema } from '../ingestion/usage-ingest.dto';
import { IMPORT_KINDS, IMPORT_STATUSES, ImportEntity } from './import.entity';

/** An import's counts and state, without its problems (what a list shows). */
export class ImportSummaryResponse extends OutcomeCountsSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) fileName: string | null;
  @ApiProperty({
    description:
      'Lines read so far (header included). Every data record read is counted once, under one of ' +
      'accepted, updated, duplicates, conflicts, quarantined, excluded and rejected: they add up to the ' +
      'data records (empty lines aside; a record whose quoted field holds line breaks counts once, a ' +
      'stretch of lines that could not be read counts once per line)',
  })
  lines: number;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: string | null;

  static fromEntity(entity: Omit<ImportEntity, 'problems' | 'problemsTruncated'>) {
    return {
      id: entity.id,
      kind: entity.kind,
      status: entity.status,
      fileName: entity.fileName,
      lines: entity.lines,
      accepted: entity.accepted,
      updated: entity.updated,
      duplicates: entity.duplicates,
      conflicts: entity.conflicts,
      quarantined: entity.quarantined,
      rejected: entity.rejected,
      excluded: entity.excluded,
      error: entity.error,
      startedAt: entity.startedAt.toISOString(),
      finishedAt: entity.finishedAt ? entity.finishedAt.toISOString() : null,
    } satisfies ImportSummaryResponse;
  }
}

export class ImportResponse extends ImportSummaryResponse {
  @ApiProperty({ type: [RecordProblemSchema], description: 'The first 1,000 problems, by line' })
  problems: RecordProblemSchema[];
  @ApiProperty() problemsTruncated: boolean;

  static from(entity: ImportEntity): ImportResponse {
    return {
      ...ImportSummaryResponse.fromEntity(entity),
      problems: entity.problems,
      problemsTruncated: entity.problemsTruncated,
    };
  }
}

export class ListImportsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_KINDS, description: 'Only imports of this kind' })
  @Optional()
  @IsIn(IMPORT_KINDS)
  kind?: (typeof IMPORT_KINDS)[number];

  @ApiPropertyOptional({ enum: IMPORT_STATUSES, description: 'Only imports in this state' })
  @Optional()
  @IsIn(IMPORT_STATUSES)
  status?: (typeof IMPORT_STATUSES)[number];
}

export class ImportPage {
  @ApiProperty({
    type: [ImportSummaryResponse],
    description: 'Newest first; each with its counts (its problems at GET …/imports/{id})',
  })
  data: ImportSummaryResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
