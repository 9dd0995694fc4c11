import { allocateLargestRemainder, allocateScaledUnits, fromScaledUnits } from './allocation';
import { minorUnits } from './currency';
import { D } from './decimal';

const decs = (values: string[]) => values.map((v) => new D(v));
const strings = (values: { toString(): string }[]) => values.map((v) => v.toString());

describe('allocateLargestRemainder', () => {
  it.each([
    // [total, weights, scale, parts]
    ['100.00', ['1', '1', '1'], 2, ['33.34', '33.33', '33.33']],
    ['-100.00', ['1', '1', '1'], 2, ['-33.34', '-33.33', '-33.33']],
    ['10', ['1', '2', '3', '4'], 0, ['1', '2', '3', '4']],
    ['0.05', ['1', '1'], 2, ['0.03', '0.02']],
    ['1.00', ['0.3333', '0.3333', '0.3334'], 2, ['0.33', '0.33', '0.34']],
    // Hamilton: floors 5, 3, 1 leave one unit, which goes to the largest remainder (.5).
    ['10', ['5.5', '3.3', '1.2'], 0, ['6', '3', '1']],
    // Equal remainders: the lower index wins.
    ['2', ['1', '1', '1'], 0, ['1', '1', '0']],
    ['5', ['0', '1'], 0, ['0', '5']],
    ['5', ['0', '2', '0', '3'], 0, ['0', '2', '0', '3']],
    // All-negative weights carry the same proportions as their magnitudes.
    ['10', ['-1', '-3'], 0, ['3', '7']],
    ['0', ['0', '0'], 2, ['0', '0']],
    ['0', ['1', '2'], 2, ['0', '0']],
    ['7', ['1'], 0, ['7']],
    ['0.01', ['1.842275000000000000', '0.000000000000000001'], 2, ['0.01', '0']],
    [
      '1',
      ['0.000000000000000001', '0.000000000000000001', '0.000000000000000001'],
      18,
      ['0.333333333333333334', '0.333333333333333333', '0.333333333333333333'],
    ],
    [
      '99999999999999999999.999999999999999999',
      ['1', '1'],
      18,
      ['50000000000000000000', '49999999999999999999.999999999999999999'],
    ],
  ])('splits %s over %j at scale %i into %j', (total, weights, scale, parts) => {
    const result = allocateLargestRemainder(new D(total), decs(weights), scale);
    expect(strings(result)).toEqual(parts);
    expect(result.reduce((sum, part) => sum.plus(part), new D(0)).equals(new D(total))).toBe(true);
  });

  it('never returns -0 for a zero part of a negative total', () => {
    const [first, second] = allocateLargestRemainder(new D('-5'), decs(['0', '1']), 0);
    expect(first.isNegative()).toBe(false);
    expect(second.toString()).toBe('-5');
  });

  it('returns no parts for a zero total and no weights', () => {
    expect(allocateLargestRemainder(new D('0'), [], 2)).toEqual([]);
  });

  it.each([
    ['1.005', ['1'], 2, /round the total to 2 decimal places first/],
    ['1', ['1', '-1'], 2, /mixed signs/],
    ['5', ['0', '0'], 0, /all zero/],
    ['5', [], 0, /over no weights/],
    ['1', ['1'], -1, /non-negative integer/],
  ])('throws for %s over %j at scale %i', (total, weights, scale, error) => {
    expect(() => allocateLargestRemainder(new D(total), decs(weights), scale)).toThrow(error);
  });

  it('throws for a non-finite weight or total', () => {
    expect(() => allocateLargestRemainder(new D('1'), [new D(Number.NaN)], 2)).toThrow(/finite/);
    expect(() => allocateLargestRemainder(new D(Number.NaN), [new D('1')], 2)).toThrow(/finite/);
  });
});

describe('allocateLargestRemainder at a currency’s minor unit', () => {
  it.each([
    ['100.00', 'USD', ['1', '1', '1'], ['33.34', '33.33', '33.33']],
    ['1000', 'JPY', ['1', '1', '1'], ['334', '333', '333']],
    ['1.000', 'KWD', ['1', '2'], ['0.333', '0.667']],
    ['-0.10', 'EUR', ['2', '1'], ['-0.07', '-0.03']],
  ])('splits %s %s over %j into %j', (total, currency, weights, parts) => {
    const scale = minorUnits(currency);
    const result = allocateLargestRemainder(new D(total), decs(weights), scale);
    expect(result.map((part) => part.toFixed(scale))).toEqual(parts);
  });

  it('requires the total at the minor unit', () => {
    expect(() => allocateLargestRemainder(new D('10.005'), decs(['1']), 2)).toThrow(
      /round the total/,
    );
  });
});

describe('allocateScaledUnits', () => {
  it.each([
    // 1.842275 over 2875488 : 1800000 ms (sum 4675488): exact 1.133023901505040757243… and
    // 0.709251098494959242757… (in units of 1e-18, remainders .243 and .757); the floors leave one
    // unit, which goes to the larger remainder, B's.
    ['1.842275', [2875488n, 1800000n], 18, [1133023901505040757n, 709251098494959243n]],
    ['-1.842275', [2875488n, 1800000n], 18, [-1133023901505040757n, -709251098494959243n]],
    // Three equal remainders, two units left: the two lowest indexes take them.
    ['5', [1n, 1n, 1n], 0, [2n, 2n, 1n]],
    ['2', [1n, 1n, 1n], 0, [1n, 1n, 0n]],
    ['7', [3600000n], 0, [7n]],
    ['7', [3600000n], 2, [700n]],
    ['-5', [0n, 1n], 0, [0n, -5n]],
    ['0', [0n, 0n], 2, [0n, 0n]],
  ])('splits %s over %j at scale %i into %j', (total, weights, scale, parts) => {
    expect(allocateScaledUnits(new D(total), weights, scale)).toEqual(parts);
  });

  it.each([
    ['1.005', [1n], 2, /round the total to 2 decimal places first/],
    ['1', [1n, -1n], 2, /negative integer weights/],
    ['5', [0n, 0n], 0, /all zero/],
    ['5', [], 0, /over no weights/],
  ])('throws for %s over %j at scale %i', (total, weights, scale, error) => {
    expect(() => allocateScaledUnits(new D(total), weights, scale)).toThrow(error);
  });
});

describe('fromScaledUnits', () => {
  it.each([
    [1133023901505040757n, 18, '1.133023901505040757'],
    [-700n, 2, '-7'],
    [0n, 18, '0'],
    [123n, 0, '123'],
  ])('%s at scale %i is %s', (units, scale, text) => {
    expect(fromScaledUnits(units, scale).toString()).toBe(text);
  });
});
