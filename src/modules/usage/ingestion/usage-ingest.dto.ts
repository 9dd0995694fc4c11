import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RecordProblemSchema {
  @ApiPropertyOptional({ description: 'Position in the request array (JSON)' }) index?: number;
  @ApiPropertyOptional({ description: 'Line in the file, the header being line 1 (CSV)' })
  line?: number;
  @ApiProperty({ type: 'string', nullable: true }) recordId: string | null;
  @ApiProperty({ enum: ['duplicate', 'conflict', 'quarantined', 'rejected'] }) outcome: string;
  @ApiProperty({ example: 'unknown_room' }) code: string;
  @ApiProperty() message: string;
}

export class IngestSummary {
  @ApiProperty() received: number;
  @ApiProperty({ description: 'Stored: new records, including quarantined and excluded ones' })
  accepted: number;
  @ApiProperty({ description: 'Known records updated (list prices given an end time)' })
  updated: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() conflicts: number;
  @ApiProperty({ description: 'Stored but not attributable yet; listed in the quarantine' })
  quarantined: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'Stored but not clean-room usage' }) excluded: number;
  @ApiProperty({ type: [RecordProblemSchema], description: 'Every record not simply accepted' })
  problems: RecordProblemSchema[];
}

/** The documented request shape (the body is read raw so decimals stay exact). */
export class UsageRecordsBody {
  @ApiProperty({
    type: 'array',
    maxItems: 10000,
    items: { type: 'object', additionalProperties: true },
    description:
      'Rows of system.billing.usage, nested as in the JSON export or flattened with dotted names ' +
      '(usage_metadata.central_clean_room_id). usage_quantity as a decimal string (or number).',
  })
  records: object[];
}
