/** A notebook run in a clean room: a STARTED and a COMPLETED event with the same room and run id. */
export interface CleanRoomRun {
  readonly roomId: string;
  readonly runId: string;
  readonly notebookName: string | null;
  readonly notebookEtag: string | null;
  /** Sharing identifier (cloud:region:uuid) of the party that started the run. */
  readonly initiator: string | null;
  /** SUCCESS, FAILED, … ; null while running. */
  readonly state: string | null;
  readonly startedAt: Date | null;
  /** Exclusive end; null while the run has not completed. */
  readonly endedAt: Date | null;
}
