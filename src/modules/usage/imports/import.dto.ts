import { ApiProperty } from '@nestjs/swagger';
import { OUTCOME_DESCRIPTIONS, RecordProblemSchema } from '../ingestion/usage-ingest.dto';
import { ImportEntity } from './import.entity';

export class ImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['usage', 'prices', 'events'] }) kind: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) fileName: string | null;
  @ApiProperty({
    description:
      'Lines read so far (header included). Every data record read is counted once, under one of ' +
      'accepted, updated, duplicates, conflicts, quarantined, excluded and rejected: they add up to the ' +
      'data records (empty lines aside; a record whose quoted field holds line breaks counts once, a ' +
      'stretch of lines that could not be read counts once per line)',
  })
  lines: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.accepted }) accepted: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.updated }) updated: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.duplicates }) duplicates: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.conflicts }) conflicts: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.quarantined }) quarantined: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.rejected }) rejected: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.excluded }) excluded: number;
  @ApiProperty({ type: [RecordProblemSchema], description: 'The first 1,000 problems, by line' })
  problems: RecordProblemSchema[];
  @ApiProperty() problemsTruncated: boolean;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: string | null;

  static from(entity: ImportEntity): ImportResponse {
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
      problems: entity.problems,
      problemsTruncated: entity.problemsTruncated,
      error: entity.error,
      startedAt: entity.startedAt.toISOString(),
      finishedAt: entity.finishedAt ? entity.finishedAt.toISOString() : null,
    };
  }
}
