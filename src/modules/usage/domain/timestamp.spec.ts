import { parseDate, parseTimestamp } from './timestamp';

describe('parseTimestamp', () => {
  it.each([
    // [text, instant]
    ['2025-06-03T10:00:00.000Z', '2025-06-03T10:00:00.000Z'],
    ['2025-06-03T10:00:00Z', '2025-06-03T10:00:00.000Z'],
    ['2025-06-03T10:00:00+02:00', '2025-06-03T08:00:00.000Z'],
    ['2025-06-03T10:00:00-05:30', '2025-06-03T15:30:00.000Z'],
    ['2025-06-03 10:00:00.000+00:00', '2025-06-03T10:00:00.000Z'],
    ['2025-06-03 10:00:00+00:00', '2025-06-03T10:00:00.000Z'],
    ['2025-06-03 00:30:00+01:00', '2025-06-02T23:30:00.000Z'],
    ['2025-06-03T10:12:04.5Z', '2025-06-03T10:12:04.500Z'],
    // Beyond milliseconds is truncated, not rounded.
    ['2025-06-03T10:12:04.123456789Z', '2025-06-03T10:12:04.123Z'],
    ['2025-06-03 10:12:04.999999+00:00', '2025-06-03T10:12:04.999Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('%s is %s', (text, instant) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(instant);
  });

  it.each([
    // No zone: UTC, the session's zone or the reader's? Refused, not guessed.
    ['2025-06-03T10:00:00', 'no zone'],
    ['2025-06-03 10:00:00.000', 'no zone'],
    ['2025-06-03 10:00:00Z', 'space form without a numeric offset'],
    ['2025-02-30T10:00:00Z', 'impossible date'],
    ['2025-02-29T10:00:00Z', 'not a leap year'],
    ['1900-02-29T10:00:00Z', 'century, not a leap year'],
    ['2025-04-31T10:00:00Z', '30-day month'],
    ['2025-13-01T10:00:00Z', 'month 13'],
    ['2025-00-10T10:00:00Z', 'month 0'],
    ['2025-06-00T10:00:00Z', 'day 0'],
    ['2025-06-03T24:00:00Z', 'hour 24'],
    ['2025-06-03T10:60:00Z', 'minute 60'],
    ['2025-06-03T10:00:60Z', 'leap second'],
    ['2025-06-03T10:00:00+24:00', 'offset hour 24'],
    ['2025-06-03T10:00:00+02:60', 'offset minute 60'],
    ['2025-06-03T10:00:00+0200', 'offset without colon'],
    ['2025-06-03T10:00:00.1234567890Z', '10 fraction digits'],
    ['2025-06-03T10:00:00.Z', 'empty fraction'],
    ['2025-06-03T10:00Z', 'no seconds'],
    ['2025-06-03t10:00:00z', 'lower case'],
    [' 2025-06-03T10:00:00Z', 'leading space'],
    ['2025-06-03', 'a date'],
    ['1748944800000', 'epoch millis'],
    ['', 'empty'],
  ])('refuses %j (%s)', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['2025-06-03', '2025-06-03T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2025-12-31', '2025-12-31T00:00:00.000Z'],
  ])('%s is midnight UTC', (text, instant) => {
    expect(parseDate(text)?.toISOString()).toBe(instant);
  });

  it.each(['2025-02-29', '2025-06-31', '2025-6-3', '2025-06-03T00:00:00Z', '20250603', ''])(
    'refuses %j',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );
});
