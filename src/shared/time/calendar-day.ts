/**
 * A calendar day written `YYYY-MM-DD`, with no time zone of its own: where a day starts and ends
 * is the reader's to say (for a customer's figures, its billing time zone).
 */
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a day of the calendar, `2026-02-28` yes, `2026-02-30` or `2026-2-28` no. */
export function isCalendarDay(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = CALENDAR_DAY.exec(text);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map((part) => parseInt(part, 10));
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999. An impossible day rolls
  // over into the next month: a real day comes back unchanged.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Whole days from `from` to `to` (negative when `to` comes first); both must be calendar days. */
export function daysBetween(from: string, to: string): number {
  if (!isCalendarDay(from) || !isCalendarDay(to)) {
    throw new Error(`Not calendar days: ${JSON.stringify(from)}, ${JSON.stringify(to)}`);
  }
  // Both at UTC midnight: a whole number of 86,400,000 ms apart, whatever any zone's DST does.
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
