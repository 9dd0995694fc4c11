/**
 * Where a room stands against a notebook release (issue 15):
 * - `current`: its latest run of the notebook ran the released etag, or the etag of a release of
 *   the same notebook released after it (the room is past this release);
 * - `behind`: its latest run of the notebook ran another etag (an older one), before the cutover;
 * - `behind_past_cutover`: the same at or after the cutover instant;
 * - `never_ran`: the room has no run at all yet, so no version can be confirmed.
 */
export const RELEASE_ROOM_STATUSES = [
  'current',
  'behind',
  'behind_past_cutover',
  'never_ran',
] as const;
export type ReleaseRoomStatus = (typeof RELEASE_ROOM_STATUSES)[number];

export function releaseRoomStatus(input: {
  /** The etag of the room's latest run of the notebook; null: the room never ran. */
  readonly latestEtag: string | null;
  /** The released etag and those of later releases of the same notebook. */
  readonly acceptedEtags: ReadonlySet<string>;
  readonly now: Date;
  readonly cutoverAt: Date;
}): ReleaseRoomStatus {
  if (input.latestEtag === null) return 'never_ran';
  if (input.acceptedEtags.has(input.latestEtag)) return 'current';
  return input.now >= input.cutoverAt ? 'behind_past_cutover' : 'behind';
}
