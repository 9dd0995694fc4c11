import { ApiProperty } from '@nestjs/swagger';
import { RecordProblemSchema } from '../ingestion/usage-ingest.dto';
import { ImportEntity } from './import.entity';

export class ImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['usage', 'prices', 'events'] }) kind: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) fileName: string | null;
  @ApiProperty({ description: 'Lines read so far (header included)' }) lines: number;
  @ApiProperty() accepted: number;
  @ApiProperty({ description: 'Known prices whose end time was set' }) updated: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() conflicts: number;
  @ApiProperty() quarantined: number;
  @ApiProperty() rejected: number;
  @ApiProperty() excluded: number;
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
