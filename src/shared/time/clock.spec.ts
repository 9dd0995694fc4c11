import { CLOCK, ControllableClock, SystemClock } from './clock';

describe('SystemClock', () => {
  it('reads the real time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('ControllableClock', () => {
  const start = new Date('2026-03-31T23:59:59.000Z');

  it('stays where it is put', () => {
    const clock = new ControllableClock(start);
    expect(clock.now().toISOString()).toBe('2026-03-31T23:59:59.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-31T23:59:59.000Z');
  });

  it.each([
    [0, '2026-03-31T23:59:59.000Z'],
    [999, '2026-03-31T23:59:59.999Z'],
    [1_000, '2026-04-01T00:00:00.000Z'],
    [86_400_000, '2026-04-01T23:59:59.000Z'],
  ])('advances by %i ms to %s', (ms, expected) => {
    const clock = new ControllableClock(start);
    clock.advance(ms);
    expect(clock.now().toISOString()).toBe(expected);
  });

  it('can be set anywhere, backwards included', () => {
    const clock = new ControllableClock(start);
    clock.set(new Date('2025-12-01T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2025-12-01T00:00:00.000Z');
  });

  it('is not moved by mutating a Date it gave out or was given', () => {
    const given = new Date(start.getTime());
    const clock = new ControllableClock(given);
    given.setUTCFullYear(2000);
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-31T23:59:59.000Z');
  });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses to advance by %s', (ms) => {
    expect(() => new ControllableClock(start).advance(ms)).toThrow(/non-negative integer/);
  });

  it('refuses an invalid Date', () => {
    expect(() => new ControllableClock(new Date('not a date'))).toThrow(/valid Date/);
    expect(() => new ControllableClock(start).set(new Date(Number.NaN))).toThrow(/valid Date/);
  });
});

describe('CLOCK', () => {
  it('is a unique symbol token', () => {
    expect(typeof CLOCK).toBe('symbol');
    expect(CLOCK).not.toBe(Symbol('CLOCK'));
  });
});
