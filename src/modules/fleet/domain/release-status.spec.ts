import { releaseRoomStatus } from './release-status';

describe('releaseRoomStatus', () => {
  const cutoverAt = new Date('2044-02-01T00:00:00Z');
  const accepted = new Set(['v3', 'v4']);
  it.each([
    ['never ran', null, '2044-01-20T00:00:00Z', 'never_ran'],
    ['on the released etag', 'v3', '2044-03-01T00:00:00Z', 'current'],
    ['on a later release', 'v4', '2044-03-01T00:00:00Z', 'current'],
    ['on an older one before the cutover', 'v2', '2044-01-31T23:59:59.999Z', 'behind'],
    ['on an older one at the cutover', 'v2', '2044-02-01T00:00:00Z', 'behind_past_cutover'],
  ])('%s', (_label, latestEtag, now, expected) => {
    expect(
      releaseRoomStatus({
        latestEtag,
        acceptedEtags: accepted,
        now: new Date(now),
        cutoverAt,
      }),
    ).toBe(expected);
  });
});
