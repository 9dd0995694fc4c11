import { daysBetween, isCalendarDay } from './calendar-day';

describe('isCalendarDay', () => {
  it.each(['2025-06-01', '2024-02-29', '2025-12-31', '0001-01-01'])('takes %s', (text) => {
    expect(isCalendarDay(text)).toBe(true);
  });

  it.each([
    '2025-02-29', // not a leap year
    '2025-06-31',
    '2025-13-01',
    '2025-00-10',
    '0000-01-01',
    '2025-6-1',
    '2025-06-01T00:00:00Z',
    ' 2025-06-01',
    '',
    20250601,
    null,
  ])('refuses %p', (value) => {
    expect(isCalendarDay(value)).toBe(false);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2025-06-01', '2025-07-01', 30],
    ['2025-03-01', '2025-04-01', 31], // a month with a DST change in most zones is still 31 days
    ['2024-01-01', '2025-01-01', 366],
    ['2025-06-02', '2025-06-01', -1],
    ['2025-06-01', '2025-06-01', 0],
  ])('counts %s to %s as %d days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('throws on anything but calendar days', () => {
    expect(() => daysBetween('2025-06-01', '2025-06-31')).toThrow('Not calendar days');
  });
});
