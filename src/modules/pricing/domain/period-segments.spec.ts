import { D } from '../../../shared/money/decimal';
import { periodSegments } from './period-segments';

const at = (iso: string) => new Date(iso);
// June 2025 in UTC: 30 days = 2,592,000 s.
const june = { start: at('2025-06-01T00:00:00Z'), end: at('2025-07-01T00:00:00Z') };

describe('periodSegments', () => {
  it('gives one whole segment when the plan started before the period', () => {
    expect(
      periodSegments(june, [{ effectiveFrom: at('2025-01-01T00:00:00Z'), value: 'basic' }]),
    ).toEqual([{ from: june.start, to: june.end, value: 'basic', factor: new D(1) }]);
  });

  it('splits at a change inside the period, by time', () => {
    // Basic for 10 days (1/3 of June), premium for 20 days (2/3).
    const segments = periodSegments(june, [
      { effectiveFrom: at('2025-06-11T00:00:00Z'), value: 'premium' },
      { effectiveFrom: at('2025-05-01T00:00:00Z'), value: 'basic' },
    ]);
    expect(segments.map((s) => [s.value, s.from.toISOString(), s.to.toISOString()])).toEqual([
      ['basic', '2025-06-01T00:00:00.000Z', '2025-06-11T00:00:00.000Z'],
      ['premium', '2025-06-11T00:00:00.000Z', '2025-07-01T00:00:00.000Z'],
    ]);
    // 1/3 and 2/3 at 40 decimals; the last unit goes to the larger remainder (2/3 = .666…6|67).
    expect(segments.map((s) => s.factor.toString())).toEqual([
      '0.3333333333333333333333333333333333333333',
      '0.6666666666666666666666666666666666666667',
    ]);
    expect(segments[0].factor.plus(segments[1].factor).toString()).toBe('1');
  });

  it('bills nothing before the first subscription', () => {
    // Subscribed on June 16 at noon: 14.5 days of 30 → factor 0.4833…
    const segments = periodSegments(june, [
      { effectiveFrom: at('2025-06-16T12:00:00Z'), value: 'basic' },
    ]);
    expect(segments).toHaveLength(1);
    expect(segments[0].from.toISOString()).toBe('2025-06-16T12:00:00.000Z');
    expect(segments[0].factor.toString()).toBe('0.4833333333333333333333333333333333333333');
  });

  it('ignores changes from the period end on, and takes a change exactly at the start as the whole period', () => {
    const segments = periodSegments(june, [
      { effectiveFrom: at('2025-06-01T00:00:00Z'), value: 'june' },
      { effectiveFrom: at('2025-07-01T00:00:00Z'), value: 'july' },
    ]);
    expect(segments.map((s) => [s.value, s.factor.toString()])).toEqual([['june', '1']]);
  });

  it('has no segment for a customer not subscribed yet', () => {
    expect(
      periodSegments(june, [{ effectiveFrom: at('2025-08-01T00:00:00Z'), value: 'later' }]),
    ).toEqual([]);
    expect(periodSegments(june, [])).toEqual([]);
  });

  it('refuses an empty period', () => {
    expect(() => periodSegments({ start: june.start, end: june.start }, [])).toThrow(RangeError);
  });
});
