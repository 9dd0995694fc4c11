/** One row of Databricks `system.access.clean_room_events`, normalised. */
export interface CleanRoomEvent {
  readonly eventId: string;
  readonly accountId: string | null;
  readonly metastoreId: string | null;
  readonly cleanRoomName: string | null;
  /** central_clean_room_id, lower case. */
  readonly roomId: string;
  /** initiator_global_metastore_id (cloud:region:uuid), lower case. */
  readonly initiator: string | null;
  readonly initiatorAlias: string | null;
  readonly eventTime: Date;
  /** Open enum, upper case: RUN_NOTEBOOK_STARTED, RUN_NOTEBOOK_COMPLETED, CLEAN_ROOM_CREATED, … */
  readonly eventType: string;
  /** From the metadata struct that matches the event type. */
  readonly runId: string | null;
  readonly notebookName: string | null;
  readonly notebookEtag: string | null;
  /** RUN_NOTEBOOK_COMPLETED: SUCCESS, FAILED, … */
  readonly runState: string | null;
  /** RUN_NOTEBOOK_COMPLETED: duration_in_seconds as a decimal string. */
  readonly durationSeconds: string | null;
  readonly extra: Readonly<Record<string, unknown>>;
}
