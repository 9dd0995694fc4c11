import { ApiProperty } from '@nestjs/swagger';
import { ExportRoutes } from '../ingestion/export-routes';
import { CleanRoomEventsExport } from '../ingestion/exports/clean-room-events.export';

export class CleanRoomEventsBody {
  @ApiProperty({
    type: 'array',
    maxItems: 10000,
    items: { type: 'object', additionalProperties: true },
    description: 'Rows of system.access.clean_room_events, nested or with dotted names',
  })
  events: object[];
}

/** The Databricks clean-room events export (runs, notebook versions). */
export class CleanRoomEventsController extends ExportRoutes({
  path: 'v1/clean-room-events',
  tag: 'clean-room-events',
  kind: 'events',
  exportKind: CleanRoomEventsExport,
  body: CleanRoomEventsBody,
  summaries: {
    ingest: 'Ingest clean-room events (runs, notebook versions); idempotent by event_id',
    import: 'Import a system.access.clean_room_events CSV export, streamed',
    getImport: 'Progress and summary of an events import',
  },
}) {}
