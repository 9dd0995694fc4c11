import { D } from './decimal';
import { roundHalfUp, roundToMinorUnit } from './rounding';

describe('roundHalfUp', () => {
  it.each([
    // [amount, scale, expected, what Math.round(x * 10^scale) / 10^scale gives on floats]
    ['1.005', 2, '1.01', Math.round(1.005 * 100) / 100],
    ['1.255', 2, '1.26', Math.round(1.255 * 100) / 100],
    ['4.015', 2, '4.02', Math.round(4.015 * 100) / 100],
    ['10.075', 2, '10.08', Math.round(10.075 * 100) / 100],
    ['0.285', 2, '0.29', Math.round(0.285 * 100) / 100],
  ])('rounds %s to %i places as %s where floats give %s', (amount, scale, expected, float) => {
    expect(roundHalfUp(new D(amount), scale).toString()).toBe(expected);
    expect(String(float)).not.toBe(expected);
  });

  it.each([
    ['8.345', 2, '8.35'],
    ['1.045', 2, '1.05'],
    ['0.005', 2, '0.01'],
    ['0.004999', 2, '0'],
    ['-0.005', 2, '-0.01'],
    ['-1.005', 2, '-1.01'],
    ['-0.0049', 2, '0'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['0.5', 0, '1'],
    ['1.2345', 3, '1.235'],
    ['0.64479625', 2, '0.64'],
    ['0.645', 2, '0.65'],
    ['12.3', 4, '12.3'],
    ['99999999999999999999.999999999999999999', 2, '100000000000000000000'],
    ['12345678901234567890.123456789012345678', 17, '12345678901234567890.12345678901234568'],
  ])('rounds %s to %i places as %s', (amount, scale, expected) => {
    expect(roundHalfUp(new D(amount), scale).toString()).toBe(expected);
  });

  it('returns +0, not -0, when a small credit rounds away', () => {
    const rounded = roundHalfUp(new D('-0.004'), 2);
    expect(rounded.isZero()).toBe(true);
    expect(rounded.isNegative()).toBe(false);
  });

  it('rounds 1.15 x 3 = 3.45 exactly (floats give 3.4499999999999997)', () => {
    expect(1.15 * 3).not.toBe(3.45);
    expect(roundHalfUp(new D('1.15').times(3), 2).toString()).toBe('3.45');
  });

  it.each([-1, 0.5])('rejects scale %s', (scale) => {
    expect(() => roundHalfUp(new D('1'), scale)).toThrow(/non-negative integer/);
  });
});

describe('roundToMinorUnit', () => {
  it.each([
    ['1.005', 'USD', '1.01'],
    ['-1.005', 'EUR', '-1.01'],
    ['1234.5', 'JPY', '1235'],
    ['-1234.5', 'JPY', '-1235'],
    ['1.2345', 'KWD', '1.235'],
    ['0.00005', 'CLF', '0.0001'],
  ])('rounds %s %s to %s', (amount, currency, expected) => {
    expect(roundToMinorUnit(new D(amount), currency).toString()).toBe(expected);
  });

  it('throws for an unknown currency', () => {
    expect(() => roundToMinorUnit(new D('1'), 'ABC')).toThrow(/Unknown currency code/);
  });
});
