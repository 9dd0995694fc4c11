import { signedTimestamp, WEBHOOK_TOLERANCE_S, withinTolerance } from './webhook-timestamp';

describe('webhook timestamp', () => {
  const now = new Date('2034-04-10T00:00:00.000Z');
  const nowS = now.getTime() / 1000;
  const header = (t: number | string) => `t=${t},v1=abc`;

  it.each([
    ['now', 0, true],
    ['the tolerance ago', -WEBHOOK_TOLERANCE_S, true],
    ['a second beyond the tolerance ago', -WEBHOOK_TOLERANCE_S - 1, false],
    ['the tolerance ahead', WEBHOOK_TOLERANCE_S, true],
    ['a second beyond the tolerance ahead', WEBHOOK_TOLERANCE_S + 1, false],
    ['a year ahead', 365 * 86_400, false],
  ])('%s: %s', (_, offset, accepted) => {
    expect(withinTolerance(header(nowS + offset), now)).toBe(accepted);
  });

  it.each(['abc', '', 'NaN'])('refuses t=%j, which is no number', (t) => {
    expect(withinTolerance(header(t), now)).toBe(false);
  });

  it('reads the last t= item, as the SDK does when it checks the signature', () => {
    expect(signedTimestamp(`t=1,v1=abc,t=${nowS}`)).toBe(nowS);
    expect(signedTimestamp('v1=abc')).toBeNaN();
  });
});
