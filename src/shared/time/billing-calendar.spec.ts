import { BillingCalendar } from './billing-calendar';
import { ControllableClock } from './clock';

describe('BillingCalendar', () => {
  const clock = new ControllableClock(new Date('2026-03-01T04:59:59Z'));
  const calendar = new BillingCalendar(clock);
  const newYork = { billingTimeZone: 'America/New_York' };

  it.each([
    ['currentPeriod', () => calendar.currentPeriod(newYork).key, '2026-02'],
    ['periodContaining', () => calendar.periodContaining(newYork, clock.now()).key, '2026-02'],
    ['periodBefore', () => calendar.periodBefore(newYork, clock.now()).key, '2026-01'],
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
