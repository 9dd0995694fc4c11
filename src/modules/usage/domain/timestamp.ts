/**
 * Timestamps as Databricks exports them, and nothing else:
 *
 * - ISO-8601 with `T`: `2025-06-03T10:00:00.000Z`, `2025-06-03T10:00:00Z`,
 *   `2025-06-03T10:00:00+02:00`;
 * - Spark's text form with a space: `2025-06-03 10:00:00.000+00:00`, `2025-06-03 10:00:00+00:00`.
 *
 * A zone (Z or ±hh:mm) is mandatory. Without one, `2025-06-03 10:00:00` could be UTC, the
 * exporting session's zone or the reader's: a silent guess would move usage across hours,
 * days and even billing periods, so such text is refused rather than interpreted.
 * `Date.parse` is not used: it accepts zone-less text as local time and rolls impossible
 * dates such as 2025-02-30 over into March.
 */

// Groups: year, month, day, separator, hour, minute, second, fraction, zone.
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_PATTERN = /^([+-])(\d{2}):(\d{2})$/;
const MINUTE_MS = 60_000;

/**
 * The instant `text` denotes, or null when it is not one of the accepted forms or names an
 * impossible date or time. Fractional seconds beyond milliseconds are truncated: a JS Date
 * holds milliseconds.
 */
export function parseTimestamp(text: string): Date | null {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) return null;
  const [, year, month, day, separator, hour, minute, second, fraction = '', zone] = match;
  // The space form is Spark's rendering, which always prints a numeric offset.
  if (separator === ' ' && zone === 'Z') return null;
  if (!isCalendarDate(+year, +month, +day)) return null;
  if (+hour > 23 || +minute > 59 || +second > 59) return null;
  const offsetMinutes = parseOffset(zone);
  if (offsetMinutes === null) return null;
  const millis = +fraction.slice(0, 3).padEnd(3, '0');
  const local = utcMillis(+year, +month, +day, +hour, +minute, +second, millis);
  return new Date(local - offsetMinutes * MINUTE_MS);
}

/** Midnight UTC of a `YYYY-MM-DD` calendar date, or null when the text is not one. */
export function parseDate(text: string): Date | null {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  const [, year, month, day] = match;
  if (!isCalendarDate(+year, +month, +day)) return null;
  return new Date(utcMillis(+year, +month, +day, 0, 0, 0, 0));
}

function parseOffset(zone: string): number | null {
  if (zone === 'Z') return 0;
  const match = OFFSET_PATTERN.exec(zone);
  if (match === null) return null;
  const [, sign, hours, minutes] = match;
  if (+hours > 23 || +minutes > 59) return null;
  const total = +hours * 60 + +minutes;
  return sign === '-' ? -total : total;
}

/** Whether year-month-day (month 1–12) names a day of the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear takes the year as given.
function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}
