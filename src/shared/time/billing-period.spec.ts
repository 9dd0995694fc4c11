import { D } from '../money/decimal';
import {
  type BillingPeriod,
  billingPeriodContaining,
  billingPeriodFromKey,
  fractionOfPeriod,
  isValidTimeZone,
  nextBillingPeriod,
} from './billing-period';

const HOUR_MS = 3_600_000;
const at = (iso: string) => new Date(iso);
const iso = (p: BillingPeriod) => ({
  key: p.key,
  timeZone: p.timeZone,
  start: p.start.toISOString(),
  end: p.end.toISOString(),
});
const hours = (p: BillingPeriod) => (p.end.getTime() - p.start.getTime()) / HOUR_MS;

describe('billingPeriodFromKey', () => {
  it.each([
    // [key, zone, start, end, hours]
    ['2026-01', 'UTC', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 744],
    ['2024-02', 'UTC', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', 696],
    ['2026-12', 'UTC', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 744],
    // DST starts 8 March: 31 days but 743 hours.
    ['2026-03', 'America/New_York', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', 743],
    // DST ends 1 November: 30 days but 721 hours.
    ['2026-11', 'America/New_York', '2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z', 721],
    ['2026-02', 'Asia/Tokyo', '2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z', 672],
    ['2026-04', 'Asia/Kolkata', '2026-03-31T18:30:00.000Z', '2026-04-30T18:30:00.000Z', 720],
    // +13:45 in summer, +12:45 after 5 April 2026.
    ['2026-01', 'Pacific/Chatham', '2025-12-31T10:15:00.000Z', '2026-01-31T10:15:00.000Z', 744],
    ['2026-04', 'Pacific/Chatham', '2026-03-31T10:15:00.000Z', '2026-04-30T11:15:00.000Z', 721],
    // Paraguay skipped 00:00-01:00 on 1 October 2017: the month starts at 01:00 local.
    ['2017-09', 'America/Asuncion', '2017-09-01T04:00:00.000Z', '2017-10-01T04:00:00.000Z', 720],
    ['2017-10', 'America/Asuncion', '2017-10-01T04:00:00.000Z', '2017-11-01T03:00:00.000Z', 743],
  ])('%s in %s is [%s, %s), %i hours', (key, timeZone, start, end, length) => {
    const period = billingPeriodFromKey(key, timeZone);
    expect(iso(period)).toEqual({ key, timeZone, start, end });
    expect(hours(period)).toBe(length);
  });

  it.each(['2026-13', '2026-00', '2026-3', '26-03', '2026/03', ' 2026-03', '2026-03-01', ''])(
    'rejects key %j',
    (key) => {
      expect(() => billingPeriodFromKey(key, 'UTC')).toThrow(
        /Invalid billing period key .*'YYYY-MM'/,
      );
    },
  );

  it('rejects year 0000', () => {
    expect(() => billingPeriodFromKey('0000-01', 'UTC')).toThrow(/outside 1-9999/);
  });

  it.each(['Mars/Olympus', '', '+05:30', 'local'])('rejects time zone %j', (zone) => {
    expect(() => billingPeriodFromKey('2026-03', zone)).toThrow(/Unknown time zone/);
  });

  it('keeps the zone as spelled, not as the legacy alias ICU prefers', () => {
    expect(billingPeriodFromKey('2026-03', 'Asia/Kolkata').timeZone).toBe('Asia/Kolkata');
  });
});

describe('billingPeriodContaining', () => {
  it.each([
    ['2026-03-15T12:00:00.000Z', 'UTC', '2026-03'],
    ['2026-03-31T23:59:59.999Z', 'UTC', '2026-03'],
    ['2026-04-01T00:00:00.000Z', 'UTC', '2026-04'],
    ['2026-03-01T04:59:59.999Z', 'America/New_York', '2026-02'],
    ['2026-03-01T05:00:00.000Z', 'America/New_York', '2026-03'],
    ['2026-04-01T03:59:59.999Z', 'America/New_York', '2026-03'],
    ['2026-04-01T04:00:00.000Z', 'America/New_York', '2026-04'],
    ['2026-01-31T14:59:59.999Z', 'Asia/Tokyo', '2026-01'],
    ['2026-01-31T15:00:00.000Z', 'Asia/Tokyo', '2026-02'],
    ['2026-03-31T18:29:59.999Z', 'Asia/Kolkata', '2026-03'],
    ['2026-03-31T18:30:00.000Z', 'Asia/Kolkata', '2026-04'],
    ['2025-12-31T10:15:00.000Z', 'Pacific/Chatham', '2026-01'],
    ['2017-10-01T03:59:59.999Z', 'America/Asuncion', '2017-09'],
  ])('%s in %s belongs to %s', (instant, timeZone, key) => {
    const period = billingPeriodContaining(at(instant), timeZone);
    expect(period.key).toBe(key);
    expect(iso(period)).toEqual(iso(billingPeriodFromKey(key, timeZone)));
  });

  it.each([
    ['2026-03', 'America/New_York'],
    ['2026-11', 'America/New_York'],
    ['2026-04', 'Pacific/Chatham'],
    ['2017-09', 'America/Asuncion'],
  ])('puts the end instant of %s in %s into the next period', (key, timeZone) => {
    const period = billingPeriodFromKey(key, timeZone);
    const after = billingPeriodContaining(period.end, timeZone);
    expect(after.key).not.toBe(key);
    expect(after.start.getTime()).toBe(period.end.getTime());
  });

  it('rejects an invalid Date', () => {
    expect(() => billingPeriodContaining(new Date('nope'), 'UTC')).toThrow(/valid Date/);
  });
});

describe('nextBillingPeriod', () => {
  it.each([
    [
      '2026-03',
      'America/New_York',
      '2026-04',
      '2026-04-01T04:00:00.000Z',
      '2026-05-01T04:00:00.000Z',
    ],
    ['2026-12', 'UTC', '2027-01', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'],
    [
      '2017-09',
      'America/Asuncion',
      '2017-10',
      '2017-10-01T04:00:00.000Z',
      '2017-11-01T03:00:00.000Z',
    ],
  ])('follows %s in %s with %s [%s, %s)', (key, timeZone, nextKey, start, end) => {
    const next = nextBillingPeriod(billingPeriodFromKey(key, timeZone));
    expect(iso(next)).toEqual({ key: nextKey, timeZone, start, end });
  });
});

describe('fractionOfPeriod', () => {
  const utcJanuary = billingPeriodFromKey('2026-01', 'UTC');
  const nyMarch = billingPeriodFromKey('2026-03', 'America/New_York');

  it.each([
    // 93 h of 744 h
    [utcJanuary, '2026-01-01T00:00:00.000Z', '2026-01-04T21:00:00.000Z', '0.125'],
    [utcJanuary, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '1'],
    [utcJanuary, '2026-01-10T00:00:00.000Z', '2026-01-10T00:00:00.000Z', '0'],
    // 15 days of 28 in Tokyo's February... and of 30 in its April
    [
      billingPeriodFromKey('2026-04', 'Asia/Tokyo'),
      '2026-03-31T15:00:00.000Z',
      '2026-04-15T15:00:00.000Z',
      '0.5',
    ],
    // 180 h of 720 h, on a half-hour offset
    [
      billingPeriodFromKey('2026-04', 'Asia/Kolkata'),
      '2026-03-31T18:30:00.000Z',
      '2026-04-08T06:30:00.000Z',
      '0.25',
    ],
    // 1 s of 2,592,000 s: 1/2.592 = 0.385802469 135802469 ..., cut at D's 100 significant digits
    [
      billingPeriodFromKey('2026-06', 'UTC'),
      '2026-06-01T00:00:00.000Z',
      '2026-06-01T00:00:01.000Z',
      `0.000000385802469${'135802469'.repeat(10)}1`,
    ],
    [nyMarch, '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', '1'],
  ])('covers %#: [%s, %s) is %s of the period', (period, from, to, expected) => {
    expect(fractionOfPeriod(at(from), at(to), period).toString()).toBe(expected);
  });

  it('weighs the 23-hour DST day in New York as 23/743, not 24/744', () => {
    const day = fractionOfPeriod(
      at('2026-03-08T05:00:00.000Z'),
      at('2026-03-09T04:00:00.000Z'),
      nyMarch,
    );
    expect(day.times(743).minus(23).abs().lessThan(new D('1e-95'))).toBe(true);
    expect(day.lessThan(new D(1).dividedBy(31))).toBe(true);
  });

  it('adds up to 1 over the segments of a plan change', () => {
    const change = at('2026-03-20T16:00:00.000Z');
    const before = fractionOfPeriod(nyMarch.start, change, nyMarch);
    const after = fractionOfPeriod(change, nyMarch.end, nyMarch);
    expect(before.plus(after).minus(1).abs().lessThan(new D('1e-95'))).toBe(true);
  });

  it.each([
    ['2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z', /is after/],
    ['2025-12-31T23:59:59.999Z', '2026-01-04T00:00:00.000Z', /outside billing period 2026-01/],
    ['2026-01-04T00:00:00.000Z', '2026-02-01T00:00:00.001Z', /outside billing period 2026-01/],
    ['nope', '2026-01-04T00:00:00.000Z', /from must be a valid Date/],
  ])('refuses [%s, %s)', (from, to, error) => {
    expect(() => fractionOfPeriod(at(from), at(to), utcJanuary)).toThrow(error);
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata', 'Asia/Calcutta'])(
    'accepts %j',
    (zone) => expect(isValidTimeZone(zone)).toBe(true),
  );

  it.each(['Mars/Olympus', '+05:30', '', 'local'])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});
