import { asOwnDecimal, D, formatDecimal, isDecimalString, parseDecimal } from './decimal';

describe('parseDecimal', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['42', '42'],
    ['007.50', '7.5'],
    ['-12.3400', '-12.34'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['99999999999999999999.999999999999999999', '99999999999999999999.999999999999999999'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
  ])('parses %j exactly as %s', (text, expected) => {
    expect(parseDecimal(text).toString()).toBe(expected);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1\n',
    '+1',
    '.5',
    '5.',
    '1e3',
    '1E-3',
    '1,000',
    '1_000',
    '--1',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    '١٢',
    '1.2.3',
  ])('rejects %j with a clear error', (text) => {
    expect(() => parseDecimal(text)).toThrow(/Invalid decimal .*plain decimal string/);
  });

  it('rejects a non-string smuggled past the types, such as a JSON number', () => {
    const smuggled: unknown = 12.5;
    expect(() => parseDecimal(smuggled as string)).toThrow(/value of type number/);
  });

  it('keeps a long rejected input out of the message', () => {
    expect(() => parseDecimal('x'.repeat(500))).toThrow(/"x{40}…"/);
  });
});

describe('isDecimalString', () => {
  it.each([
    ['1.50', true],
    ['-0.001', true],
    ['+1', false],
    ['1e5', false],
    ['', false],
  ])('%j -> %s', (text, expected) => {
    expect(isDecimalString(text)).toBe(expected);
  });

  it('is false for non-strings', () => {
    expect(isDecimalString(1)).toBe(false);
    expect(isDecimalString(null)).toBe(false);
  });
});

describe('D', () => {
  it('adds 0.1 + 0.2 to exactly 0.3 where binary floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(new D('0.1').plus('0.2').toString()).toBe('0.3');
  });

  it('multiplies 18-decimal DBU by a price without losing a digit', () => {
    expect(new D('1.842275000000000000').times('0.35').toString()).toBe('0.64479625');
  });

  it('keeps every digit of a numeric(38,18) product (76 significant digits)', () => {
    const a = new D('99999999999999999999.999999999999999999');
    // (10^20 - 10^-18)^2 = 10^40 - 2*10^2 + 10^-36
    expect(a.times(a).toString()).toBe(
      '9999999999999999999999999999999999999800.000000000000000000000000000000000001',
    );
  });

  it('never prints exponent notation', () => {
    expect(new D('0.0000001').toString()).toBe('0.0000001');
    expect(new D('1000000000000000000000').toString()).toBe('1000000000000000000000');
  });
});

describe('formatDecimal', () => {
  it.each([
    ['0.0000001', undefined, '0.0000001'],
    ['1000000000000000000000', undefined, '1000000000000000000000'],
    ['-12.3400', undefined, '-12.34'],
    ['1', 3, '1.000'],
    ['1.005', 2, '1.01'],
    ['8.345', 2, '8.35'],
    ['-8.345', 2, '-8.35'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['123.456', 0, '123'],
    ['999.995', 2, '1000.00'],
    ['-0.001', 2, '0.00'],
    ['-0.5', 2, '-0.50'],
    ['0.64479625', 2, '0.64'],
    ['12345678901234567890.123456789012345678', 2, '12345678901234567890.12'],
  ])('formats %s at scale %s as %s', (value, scale, expected) => {
    expect(formatDecimal(new D(value), scale)).toBe(expected);
  });

  it('formats a Decimal from another constructor with plain digits too', () => {
    const foreign = new (D.clone({ toExpNeg: -7 }))('0.00000001');
    expect(formatDecimal(foreign)).toBe('0.00000001');
  });

  it.each([-1, 1.5, Number.NaN])('rejects scale %s', (scale) => {
    expect(() => formatDecimal(new D('1'), scale)).toThrow(/non-negative integer/);
  });

  it('rejects NaN and Infinity', () => {
    expect(() => formatDecimal(new D(Number.NaN))).toThrow(/non-finite/);
    expect(() => formatDecimal(new D(Number.POSITIVE_INFINITY), 2)).toThrow(/non-finite/);
  });
});

describe('asOwnDecimal', () => {
  it('is the value itself when D made it', () => {
    const own = new D('1.5');
    expect(asOwnDecimal(own)).toBe(own);
  });

  it('re-wraps a Decimal of another constructor, so it prints plain digits', () => {
    const foreign = new (D.clone({ toExpNeg: -7 }))('0.00000001');
    expect(foreign.toString()).toBe('1e-8');
    const own = asOwnDecimal(foreign);
    expect(own).not.toBe(foreign);
    expect(own.toString()).toBe('0.00000001');
  });
});
