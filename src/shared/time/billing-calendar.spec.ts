import { BillingCalendar } from './billing-calendar';

describe('BillingCalendar', () => {
  // The last second of February in New York.
  const instant = new Date('2026-03-01T04:59:59Z');
  const calendar = new BillingCalendar();
  const newYork = { billingTimeZone: 'America/New_York' };

  it.each([
    ['periodContaining', () => calendar.periodContaining(newYork, instant).key, '2026-02'],
    ['periodBefore', () => calendar.periodBefore(newYork, instant).key, '2026-01'],
    [
      'period',
      () => calendar.period(newYork, '2026-03').start.toISOString(),
      '2026-03-01T05:00:00.000Z',
    ],
    [
      'periodOf (the zone the invoice was cut in)',
      () => calendar.periodOf({ periodKey: '2026-03', timeZone: 'UTC' }).start.toISOString(),
      '2026-03-01T00:00:00.000Z',
    ],
  ])('%s', (_name, answer, expected) => {
    expect(answer()).toBe(expected);
  });
});
