import { type FieldReader } from './field-access';
import { normalizeOrReject } from './field-rejection';
import {
  assertNotNegative,
  readDecimal,
  readerFor,
  readText,
  requireText,
  requireTimestamp,
} from './field-values';
import type { CleanRoomEvent } from './clean-room-event';
import type { Normalized } from './usage-record';

const STARTED = 'RUN_NOTEBOOK_STARTED';
const COMPLETED = 'RUN_NOTEBOOK_COMPLETED';
const STARTED_METADATA = 'run_notebook_started_metadata';
const COMPLETED_METADATA = 'run_notebook_completed_metadata';
const DURATION_CODES = { invalid: 'invalid_duration', outOfRange: 'invalid_duration' };

type RunFields = Pick<
  CleanRoomEvent,
  'runId' | 'notebookName' | 'notebookEtag' | 'runState' | 'durationSeconds'
>;

const NO_RUN: RunFields = {
  runId: null,
  notebookName: null,
  notebookEtag: null,
  runState: null,
  durationSeconds: null,
};

/**
 * One exported row of `system.access.clean_room_events` (nested JSON or flat CSV) as a
 * CleanRoomEvent, or the first reason it is refused. The event type is an open enum: unknown
 * types are accepted. Run fields are read only from the metadata struct matching the type;
 * the other structs (and asset_review_created_metadata, …) stay in `extra` as given.
 */
export function normalizeCleanRoomEvent(raw: unknown): Normalized<CleanRoomEvent> {
  return normalizeOrReject((): CleanRoomEvent => {
    const fields = readerFor(raw, 'clean room event');
    const eventId = requireText(fields, 'event_id', 'missing_event_id');
    const roomId = requireText(fields, 'central_clean_room_id', 'missing_room_id').toLowerCase();
    const eventTime = requireTimestamp(fields, 'event_time');
    const eventType = requireText(fields, 'event_type', 'missing_event_type').toUpperCase();
    const run = readRun(fields, eventType);
    return {
      eventId,
      accountId: readText(fields, 'account_id'),
      metastoreId: readText(fields, 'metastore_id'),
      cleanRoomName: readText(fields, 'clean_room_name'),
      roomId,
      initiator: readText(fields, 'initiator_global_metastore_id')?.toLowerCase() ?? null,
      initiatorAlias: readText(fields, 'initiator_collaborator_alias'),
      eventTime,
      eventType,
      ...run,
      // Last: what the reads above did not take.
      extra: fields.rest(),
    };
  });
}

function readRun(fields: FieldReader, eventType: string): RunFields {
  if (eventType === STARTED) {
    return {
      ...NO_RUN,
      runId: readText(fields, `${STARTED_METADATA}.run_id`),
      notebookName: readText(fields, `${STARTED_METADATA}.notebook_name`),
      notebookEtag: readText(fields, `${STARTED_METADATA}.notebook_etag`),
    };
  }
  if (eventType === COMPLETED) {
    const durationPath = `${COMPLETED_METADATA}.duration_in_seconds`;
    const durationSeconds = readDecimal(fields, durationPath, DURATION_CODES);
    assertNotNegative(durationSeconds, durationPath, 'invalid_duration');
    return {
      ...NO_RUN,
      runId: readText(fields, `${COMPLETED_METADATA}.run_id`),
      notebookName: readText(fields, `${COMPLETED_METADATA}.notebook_name`),
      // An enum compared downstream ('SUCCESS'), so normalised like the event type.
      runState: readText(fields, `${COMPLETED_METADATA}.state`)?.toUpperCase() ?? null,
      durationSeconds,
    };
  }
  return NO_RUN;
}
