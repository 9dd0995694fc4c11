import { D, type Dec } from './decimal';
import { numericTransformer } from './numeric.transformer';

describe('numericTransformer', () => {
  describe('from (Postgres numeric text -> Dec)', () => {
    it.each([
      ['1.842275000000000000', '1.842275'],
      ['0.000000000000000001', '0.000000000000000001'],
      ['-12.50', '-12.5'],
      ['99999999999999999999.999999999999999999', '99999999999999999999.999999999999999999'],
      ['12345678901234567890.123456789012345678', '12345678901234567890.123456789012345678'],
      ['0', '0'],
    ])('reads %s exactly as %s', (text, expected) => {
      expect(numericTransformer.from(text)?.toString()).toBe(expected);
    });

    it('keeps a value that a float (here: a JSON number) would mangle', () => {
      const text = '12345678901234567890.123456789012345678';
      const asJsonNumber: unknown = JSON.parse(text);
      expect(String(asJsonNumber)).not.toBe(text);
      expect(numericTransformer.from(text)?.toString()).toBe(text);
    });

    it('maps NULL to null', () => {
      expect(numericTransformer.from(null)).toBeNull();
    });

    it.each(['NaN', 'Infinity', '-Infinity', '1e5', ''])('refuses %j', (text) => {
      expect(() => numericTransformer.from(text)).toThrow(/Invalid decimal/);
    });
  });

  describe('to (Dec -> parameter text)', () => {
    it.each([
      ['0.0000001', '0.0000001'],
      ['1000000000000000000000', '1000000000000000000000'],
      ['99999999999999999999.999999999999999999', '99999999999999999999.999999999999999999'],
      ['-0.64479625', '-0.64479625'],
      ['-0', '0'],
    ])('writes %s as %s, never in exponent notation', (value, expected) => {
      expect(numericTransformer.to(new D(value))).toBe(expected);
    });

    it('passes null and undefined through', () => {
      expect(numericTransformer.to(null)).toBeNull();
      expect(numericTransformer.to(undefined)).toBeUndefined();
    });

    it('refuses a number smuggled past the types', () => {
      const smuggled: unknown = 0.1;
      expect(() => numericTransformer.to(smuggled as Dec)).toThrow(/expects a Decimal, got number/);
    });

    it('refuses NaN', () => {
      expect(() => numericTransformer.to(new D(Number.NaN))).toThrow(/non-finite/);
    });
  });

  it('round-trips numeric(38,18) text', () => {
    const text = '-4321.000000000000000009';
    const value = numericTransformer.from(text);
    expect(value).not.toBeNull();
    expect(numericTransformer.to(value)).toBe('-4321.000000000000000009');
  });
});
