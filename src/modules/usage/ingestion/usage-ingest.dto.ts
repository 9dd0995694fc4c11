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

/** The outcome counts of a JSON request or a CSV import, described once for both. */
export const OUTCOME_DESCRIPTIONS = {
  accepted: 'Stored as new records and attributed (usage), or stored (prices, events)',
  updated: 'Known records updated (list prices given an end time)',
  duplicates: 'Already stored with the same content, or sent twice: nothing changed',
  conflicts:
    'Already stored with other content: the first version is kept (see /v1/usage/conflicts)',
  quarantined:
    'Stored as new records but not attributable yet; listed in the quarantine, not counted as accepted',
  excluded: 'Stored as new records but not clean-room usage; not counted as accepted',
  rejected: 'Invalid: not stored',
} as const;

const PARTITION =
  'Every record is counted once, under one of accepted, updated, duplicates, conflicts, quarantined, excluded and rejected';

/** The seven outcomes a record is counted under, once: a request's and an import's. */
export class OutcomeCountsSchema {
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.accepted }) accepted: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.updated }) updated: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.duplicates }) duplicates: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.conflicts }) conflicts: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.quarantined }) quarantined: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.rejected }) rejected: number;
  @ApiProperty({ description: OUTCOME_DESCRIPTIONS.excluded }) excluded: number;
}

export class IngestSummary extends OutcomeCountsSchema {
  @ApiProperty({
    description: `Records in the request. ${PARTITION}: they add up to received.`,
  })
  received: number;
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
