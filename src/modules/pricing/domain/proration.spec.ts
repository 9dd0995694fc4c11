import { D, parseDecimal } from '../../../shared/money/decimal';
import {
  assertFactorsCoverWholePeriod,
  factorsCoverWholePeriod,
  prorate,
  segmentFactors,
} from './proration';

const decs = (values: string[]) => values.map(parseDecimal);
const strings = (values: { toString(): string }[]) => values.map((v) => v.toString());

describe('prorate', () => {
  it.each([
    ['99.99', '0.5', '49.995'],
    ['99.99', '1', '99.99'],
    ['99.99', '0', '0'],
    [
      '100',
      '0.3225806451612903225806451612903225806452',
      '32.25806451612903225806451612903225806452',
    ],
  ])('%s x %s = %s', (amount, factor, expected) => {
    expect(prorate(parseDecimal(amount), parseDecimal(factor)).toString()).toBe(expected);
  });

  it.each(['-0.000000000000000001', '1.000000000000000001'])('refuses factor %s', (factor) => {
    expect(() => prorate(new D(1), parseDecimal(factor))).toThrow(RangeError);
  });
});

describe('segmentFactors', () => {
  it.each([
    // [durations, factors]
    [
      ['1', '1'],
      ['0.5', '0.5'],
    ],
    [['2678400'], ['1']],
    [
      ['0', '5', '0'],
      ['0', '1', '0'],
    ],
    // 1/3 and 2/3 cut at 40 decimals; the leftover unit goes to the larger remainder (2/3).
    [
      ['10', '20'],
      ['0.3333333333333333333333333333333333333333', '0.6666666666666666666666666666666666666667'],
    ],
    // March (31 days) split after day 10, in seconds: 10/31 and 21/31. 10/31 = 0.(322580645161290)
    // leaves a remainder of 0.61 unit at the 40th decimal, 21/31 one of 0.39: 10/31 rounds up.
    [
      ['864000', '1814400'],
      ['0.3225806451612903225806451612903225806452', '0.6774193548387096774193548387096774193548'],
    ],
  ])('splits %j into %j', (durations, factors) => {
    const result = segmentFactors(decs(durations));
    expect(strings(result)).toEqual(factors);
    expect(factorsCoverWholePeriod(result)).toBe(true);
  });

  it('prorates 99.99 over thirds into parts that add up to exactly 99.99', () => {
    // 99.99 x (1/3 - 1/(3e40)) and 99.99 x (2/3 + 1/(3e40)): 33.33 -/+ 3.333e-39.
    const [first, second] = segmentFactors(decs(['10', '20']));
    const parts = [prorate(new D('99.99'), first), prorate(new D('99.99'), second)];
    expect(strings(parts)).toEqual([
      '33.329999999999999999999999999999999999996667',
      '66.660000000000000000000000000000000000003333',
    ]);
    expect(parts[0].plus(parts[1]).toString()).toBe('99.99');
  });

  it.each([
    [['0', '0'], /above zero/],
    [[], /above zero/],
    [['1', '-1'], /invalid duration/],
  ])('refuses durations %j', (durations, error) => {
    expect(() => segmentFactors(decs(durations))).toThrow(error);
  });
});

describe('factorsCoverWholePeriod', () => {
  const third = new D(1).dividedBy(3);

  it.each([
    [['1'], true],
    [['0.5', '0.5'], true],
    [['0.25', '0', '0.75'], true],
    [['0.5', '0.4'], false],
    [['0.5', '0.500000000000000001'], false],
    [['1.5', '-0.5'], false],
    [[], false],
  ])('%j -> %s', (factors, expected) => {
    expect(factorsCoverWholePeriod(decs(factors))).toBe(expected);
  });

  it('is exact: three thirds divided at 100 digits fall short of 1 and are refused', () => {
    expect(factorsCoverWholePeriod([third, third, third])).toBe(false);
    expect(() => assertFactorsCoverWholePeriod([third, third, third])).toThrow(/sum to exactly 1/);
  });
});
