import type { CleanRoomEvent } from './clean-room-event';
import { normalizeCleanRoomEvent } from './normalize-clean-room-event';

const ROOM = 'e7b1c3d0-5a2f-4c8e-9d61-0f3a2b4c5d6e';
const INITIATOR = 'aws:us-east-1:3be05a26-5a83-478c-8428-9ef9aa67b5d0';

// The two rows of test/fixtures/databricks/clean-room-events.csv, as a CSV parser with `columns: true` gives.
const CSV_COMMON = {
  account_id: '0b8e4c2d-91aa-4f3e-b6d7-2c5e9f10a3b8',
  metastore_id: '5a31ba44-bbf4-4174-bf33-e1fa078e6765',
  clean_room_name: 'acme-audience-overlap',
  central_clean_room_id: ROOM,
  initiator_global_metastore_id: INITIATOR,
  initiator_collaborator_alias: 'collaborator',
};
const CSV_STARTED: Record<string, unknown> = {
  ...CSV_COMMON,
  event_id: 'db52a413-7a0a-4d49-b742-7ae5f06bc4b2',
  event_time: '2025-06-03T10:12:04.512Z',
  event_type: 'RUN_NOTEBOOK_STARTED',
  'run_notebook_started_metadata.notebook_name': 'overlap_report',
  'run_notebook_started_metadata.run_id': '771234098812',
  'run_notebook_completed_metadata.run_id': '',
  'run_notebook_completed_metadata.state': '',
  'run_notebook_completed_metadata.duration_in_seconds': '',
};
const CSV_COMPLETED: Record<string, unknown> = {
  ...CSV_STARTED,
  event_id: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f',
  event_time: '2025-06-03T11:20:41.090Z',
  event_type: 'RUN_NOTEBOOK_COMPLETED',
  'run_notebook_started_metadata.notebook_name': '',
  'run_notebook_started_metadata.run_id': '',
  'run_notebook_completed_metadata.run_id': '771234098812',
  'run_notebook_completed_metadata.state': 'SUCCESS',
  'run_notebook_completed_metadata.duration_in_seconds': '4116',
};

const STARTED: CleanRoomEvent = {
  eventId: 'db52a413-7a0a-4d49-b742-7ae5f06bc4b2',
  accountId: '0b8e4c2d-91aa-4f3e-b6d7-2c5e9f10a3b8',
  metastoreId: '5a31ba44-bbf4-4174-bf33-e1fa078e6765',
  cleanRoomName: 'acme-audience-overlap',
  roomId: ROOM,
  initiator: INITIATOR,
  initiatorAlias: 'collaborator',
  eventTime: new Date('2025-06-03T10:12:04.512Z'),
  eventType: 'RUN_NOTEBOOK_STARTED',
  runId: '771234098812',
  notebookName: 'overlap_report',
  notebookEtag: null,
  runState: null,
  durationSeconds: null,
  // The other run struct's columns are all blank: nothing is left for extra.
  extra: {},
};
const COMPLETED: CleanRoomEvent = {
  ...STARTED,
  eventId: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f',
  eventTime: new Date('2025-06-03T11:20:41.090Z'),
  eventType: 'RUN_NOTEBOOK_COMPLETED',
  notebookName: null,
  runState: 'SUCCESS',
  durationSeconds: '4116',
  extra: {},
};
const NO_RUN = {
  runId: null,
  notebookName: null,
  notebookEtag: null,
  runState: null,
  durationSeconds: null,
};

// prettier-ignore
describe('normalizeCleanRoomEvent: accepted events', () => {
  it.each<[string, Record<string, unknown>, CleanRoomEvent]>([
    ['CSV STARTED sample row', CSV_STARTED, STARTED],
    ['CSV COMPLETED sample row', CSV_COMPLETED, COMPLETED],
    [
      'nested STARTED with etag and checksum, ids lower-cased, type upper-cased',
      {
        ...CSV_COMMON,
        central_clean_room_id: ROOM.toUpperCase(),
        initiator_global_metastore_id: INITIATOR.toUpperCase(),
        event_id: 'e1',
        event_time: '2025-06-03 12:12:04.512+02:00',
        event_type: 'run_notebook_started',
        run_notebook_started_metadata: { notebook_name: 'nb', notebook_etag: 'etag-1', notebook_checksum: 'abc', run_id: 'run-1' },
        run_notebook_completed_metadata: null,
      },
      { ...STARTED, eventId: 'e1', runId: 'run-1', notebookName: 'nb', notebookEtag: 'etag-1', extra: { run_notebook_started_metadata: { notebook_checksum: 'abc' } } },
    ],
    [
      'nested COMPLETED with notebook name and a fractional duration',
      {
        ...CSV_COMMON,
        event_id: 'e2',
        event_time: '2025-06-03T11:20:41.090Z',
        event_type: 'RUN_NOTEBOOK_COMPLETED',
        run_notebook_completed_metadata: { notebook_name: 'nb', run_id: 'run-1', state: 'failed', duration_in_seconds: '12.500' },
      },
      { ...COMPLETED, eventId: 'e2', runId: 'run-1', notebookName: 'nb', runState: 'FAILED', durationSeconds: '12.5', extra: {} },
    ],
    [
      'unknown event type, its metadata and unknown columns kept in extra',
      {
        ...CSV_COMMON,
        initiator_global_metastore_id: '',
        event_id: 'e3',
        event_time: '2025-06-03T09:00:00Z',
        event_type: 'asset_review_created',
        asset_review_created_metadata: { auto_approval_rule_id: 'rule-9', notebook_name: 'nb' },
        'run_notebook_started_metadata.run_id': 'not-read-for-this-type',
        new_column: 42,
      },
      {
        ...STARTED,
        ...NO_RUN,
        eventId: 'e3',
        initiator: null,
        eventTime: new Date('2025-06-03T09:00:00.000Z'),
        eventType: 'ASSET_REVIEW_CREATED',
        extra: {
          asset_review_created_metadata: { auto_approval_rule_id: 'rule-9', notebook_name: 'nb' },
          run_notebook_started_metadata: { run_id: 'not-read-for-this-type' },
          new_column: 42,
        },
      },
    ],
  ])('%s', (_name, row, event) => {
    expect(normalizeCleanRoomEvent(row)).toEqual({ ok: true, value: event });
  });
});

// prettier-ignore
describe('normalizeCleanRoomEvent: rejections', () => {
  const completed = (duration: unknown) => ({ ...CSV_COMPLETED, 'run_notebook_completed_metadata.duration_in_seconds': duration });
  it.each<[string, unknown, string, string | null]>([
    // [name, row, code, field]
    ['not an object', [], 'invalid_record', null],
    ['no event id', { ...CSV_STARTED, event_id: '' }, 'missing_event_id', 'event_id'],
    ['no room', { ...CSV_STARTED, central_clean_room_id: '' }, 'missing_room_id', 'central_clean_room_id'],
    ['no event time', { ...CSV_STARTED, event_time: '' }, 'invalid_timestamp', 'event_time'],
    ['event time without zone', { ...CSV_STARTED, event_time: '2025-06-03T10:12:04' }, 'invalid_timestamp', 'event_time'],
    ['no event type', { ...CSV_STARTED, event_type: ' ' }, 'missing_event_type', 'event_type'],
    ['negative duration', completed('-1'), 'invalid_duration', 'run_notebook_completed_metadata.duration_in_seconds'],
    ['duration not a number', completed('4116s'), 'invalid_duration', 'run_notebook_completed_metadata.duration_in_seconds'],
    ['run id beyond 2^53 as a JSON number', { ...CSV_STARTED, 'run_notebook_started_metadata.run_id': 2 ** 60 }, 'imprecise_number', 'run_notebook_started_metadata.run_id'],
  ])('%s: %s', (_name, row, code, field) => {
    expect(normalizeCleanRoomEvent(row)).toEqual({
      ok: false,
      rejection: { code, field, message: expect.any(String) },
    });
  });
});
