import fc from 'fast-check';
import { normalizeDecimal } from './normalize-decimal';

const TWENTY_NINES = '99999999999999999999';
const EIGHTEEN_DIGITS = '123456789012345678';

describe('normalizeDecimal', () => {
  it.each<[unknown, string]>([
    // [input, canonical]
    ['1.842275000000000000', '1.842275'],
    ['-0.613400000000000000', '-0.6134'],
    ['3.250000000000000000', '3.25'],
    ['0.000000000000000000', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['+1.5', '1.5'],
    ['  2.50  ', '2.5'],
    ['007', '7'],
    ['100', '100'],
    ['1.5E-3', '0.0015'],
    ['-2e3', '-2000'],
    ['1.5e+2', '150'],
    ['0e-99999999999999999999', '0'],
    [`${TWENTY_NINES}.${EIGHTEEN_DIGITS}`, `${TWENTY_NINES}.${EIGHTEEN_DIGITS}`],
    [`-${TWENTY_NINES}.${EIGHTEEN_DIGITS}`, `-${TWENTY_NINES}.${EIGHTEEN_DIGITS}`],
    // Trailing zeros beyond the 18th decimal are not digits of the value.
    ['1.1000000000000000000000', '1.1'],
    [1.5, '1.5'],
    [-0, '0'],
    [4116, '4116'],
    [1e-7, '0.0000001'],
    [12345678901234567890n, '12345678901234567890'],
  ])('%p -> %s', (input, canonical) => {
    expect(normalizeDecimal(input)).toEqual({ ok: true, value: canonical });
  });

  it.each<[unknown, 'invalid' | 'out_of_range']>([
    ['abc', 'invalid'],
    ['', 'invalid'],
    ['1,5', 'invalid'],
    ['1 000', 'invalid'],
    ['.5', 'invalid'],
    ['5.', 'invalid'],
    ['--1', 'invalid'],
    ['0x10', 'invalid'],
    ['Infinity', 'invalid'],
    ['NaN', 'invalid'],
    ['1e', 'invalid'],
    [Number.NaN, 'invalid'],
    [Number.POSITIVE_INFINITY, 'invalid'],
    [true, 'invalid'],
    [null, 'invalid'],
    [{}, 'invalid'],
    // 21 integer digits, 19 fraction digits.
    ['100000000000000000000', 'out_of_range'],
    ['-123456789012345678901.5', 'out_of_range'],
    ['0.0000000000000000001', 'out_of_range'],
    ['1e20', 'out_of_range'],
    ['1e-19', 'out_of_range'],
    [1e21, 'out_of_range'],
    // Would print 900 million digits if formatted before the range check.
    ['1e900000000', 'out_of_range'],
    ['1e-900000000', 'out_of_range'],
    // Beyond decimal.js' exponent range, where it would turn into Infinity or 0.
    ['1e99999999999999999999', 'out_of_range'],
    ['1e-99999999999999999999', 'out_of_range'],
  ])('%p is %s', (input, reason) => {
    expect(normalizeDecimal(input)).toEqual({ ok: false, reason });
  });
});

describe('normalizeDecimal without an exponent', () => {
  // Plain text is canonicalised by trimming digits; with 'e0' appended, the same value takes the
  // decimal.js path. Both must agree on every plain decimal, in range or not.
  const digits = (min: number, max: number) =>
    fc.array(fc.constantFrom('0', '0', '0', '1', '5', '9'), { minLength: min, maxLength: max });
  const plain = fc
    .tuple(fc.constantFrom('', '-', '+'), digits(1, 23), fc.option(digits(1, 22)))
    .map(([sign, int, frac]) => `${sign}${int.join('')}${frac ? `.${frac.join('')}` : ''}`);

  it('gives what decimal.js gives', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(normalizeDecimal(text)).toEqual(normalizeDecimal(`${text}e0`));
      }),
      { numRuns: 2000 },
    );
  });
});
