import { assertCurrencyCode, isCurrencyCode, minorUnits } from './currency';

describe('minorUnits', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['INR', 2],
    ['XCG', 2],
    ['ZWG', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['ISK', 0],
    ['VND', 0],
    ['XAF', 0],
    ['XOF', 0],
    ['XPF', 0],
    ['UGX', 0],
    ['PYG', 0],
    ['RWF', 0],
    ['KMF', 0],
    ['GNF', 0],
    ['DJF', 0],
    ['BIF', 0],
    ['VUV', 0],
    ['UYI', 0],
    ['BHD', 3],
    ['IQD', 3],
    ['JOD', 3],
    ['KWD', 3],
    ['LYD', 3],
    ['OMR', 3],
    ['TND', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('%s has %i decimals', (code, decimals) => {
    expect(minorUnits(code)).toBe(decimals);
  });

  it.each(['usd', 'US', 'USDX', '', 'XXX', 'XAU', 'XTS', 'HRK', 'ABC'])('throws for %j', (code) => {
    expect(() => minorUnits(code)).toThrow(/Unknown currency code/);
  });
});

describe('isCurrencyCode', () => {
  it.each([
    ['USD', true],
    ['EUR', true],
    ['JPY', true],
    ['SLE', true],
    ['VED', true],
    ['CHE', true],
    ['eur', false],
    [' EUR', false],
    ['EURO', false],
    ['XXX', false],
    ['XDR', false],
    ['HRK', false],
    ['ANG', false],
    ['ZWL', false],
  ])('%j -> %s', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
  });

  it('is false for a non-string smuggled past the types', () => {
    const smuggled: unknown = 840;
    expect(isCurrencyCode(smuggled as string)).toBe(false);
  });
});

describe('assertCurrencyCode', () => {
  it('names the bad code', () => {
    expect(() => assertCurrencyCode('usd')).toThrow('Unknown currency code "usd"');
  });
});
