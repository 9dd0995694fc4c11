import { D } from './decimal';
import { Money } from './money';

const usd = (amount: string) => Money.of(amount, 'USD');

describe('Money', () => {
  describe('of', () => {
    it('accepts a strict decimal string or a Decimal', () => {
      expect(usd('12.50').amount.toString()).toBe('12.5');
      expect(Money.of(new D('0.000000000000000001'), 'EUR').toJSON()).toEqual({
        amount: '0.000000000000000001',
        currency: 'EUR',
      });
    });

    it.each([
      ['1e3', 'USD', /Invalid decimal/],
      ['+1', 'USD', /Invalid decimal/],
      ['1', 'usd', /Unknown currency code/],
      ['1', 'XXX', /Unknown currency code/],
    ])('rejects %j %j', (amount, currency, error) => {
      expect(() => Money.of(amount, currency)).toThrow(error);
    });

    it('rejects NaN and Infinity', () => {
      expect(() => Money.of(new D(Number.NaN), 'USD')).toThrow(/finite/);
      expect(() => Money.of(new D(Number.POSITIVE_INFINITY), 'USD')).toThrow(/finite/);
    });

    it('is immutable', () => {
      const money = usd('1');
      expect(Object.isFrozen(money)).toBe(true);
      money.plus(usd('1'));
      expect(money.amount.toString()).toBe('1');
    });
  });

  it.each([
    ['0.1', '0.2', '0.3'],
    ['99999999999999999999.999999999999999999', '0.000000000000000001', '100000000000000000000'],
    ['-5.25', '5.25', '0'],
  ])('%s + %s = %s exactly', (a, b, sum) => {
    expect(usd(a).plus(usd(b)).toJSON().amount).toBe(sum);
  });

  it.each([
    ['10.00', '0.01', '9.99'],
    ['0.3', '0.1', '0.2'],
    ['1', '2.5', '-1.5'],
  ])('%s - %s = %s exactly', (a, b, difference) => {
    expect(usd(a).minus(usd(b)).toJSON().amount).toBe(difference);
  });

  it.each([
    ['1.15', '3', '3.45', '3.45'],
    ['0.35', '1.842275000000000000', '0.64479625', '0.64'],
    ['0.55', '52.123456789012345678', '28.6679012339567901229', '28.67'],
    [
      '12345678901234567890.123456789012345678',
      '2',
      '24691357802469135780.246913578024691356',
      '24691357802469135780.25',
    ],
    ['-0.005', '1', '-0.005', '-0.01'],
  ])('%s x %s = %s, rounded %s', (price, quantity, exact, rounded) => {
    const line = usd(price).times(quantity);
    expect(line.toJSON().amount).toBe(exact);
    expect(line.rounded().toJSON().amount).toBe(rounded);
    expect(line.format()).toBe(rounded);
  });

  it('multiplies by a Decimal factor', () => {
    expect(usd('2.5').times(new D('0.1')).toJSON().amount).toBe('0.25');
  });

  it.each([
    ['1.005', 'USD', '1.01', '1.01'],
    ['8.345', 'USD', '8.35', '8.35'],
    ['5', 'USD', '5', '5.00'],
    ['-0.5', 'EUR', '-0.5', '-0.50'],
    ['1234.5', 'JPY', '1235', '1235'],
    ['1.2345', 'KWD', '1.235', '1.235'],
    ['2', 'KWD', '2', '2.000'],
    ['-0.004', 'USD', '0', '0.00'],
  ])('rounds %s %s to %s and formats it as %s', (amount, currency, rounded, formatted) => {
    const money = Money.of(amount, currency);
    expect(money.rounded().toJSON()).toEqual({ amount: rounded, currency });
    expect(money.format()).toBe(formatted);
  });

  it('rounding each third of 10.00 loses a cent: the reason allocation exists', () => {
    const share = usd('10').times(new D(1).dividedBy(3)).rounded();
    expect(share.plus(share).plus(share).format()).toBe('9.99');
  });

  it('throws on currency mismatch', () => {
    expect(() => usd('1').plus(Money.of('1', 'EUR'))).toThrow(/Cannot add EUR and USD/);
    expect(() => usd('1').minus(Money.of('1', 'JPY'))).toThrow(/Cannot subtract JPY and USD/);
  });

  describe('sign and zero', () => {
    it.each([
      ['0', true, false],
      ['0.00', true, false],
      ['-0', true, false],
      ['-0.01', false, true],
      ['0.01', false, false],
    ])('%s: isZero %s, isNegative %s', (amount, zero, negative) => {
      expect(usd(amount).isZero()).toBe(zero);
      expect(usd(amount).isNegative()).toBe(negative);
    });

    it('negates, and the negation of zero is not negative', () => {
      expect(usd('12.34').negated().toJSON().amount).toBe('-12.34');
      expect(Money.zero('USD').negated().isNegative()).toBe(false);
      expect(Money.zero('JPY').format()).toBe('0');
    });
  });

  it('serialises to JSON with a string amount, never a number', () => {
    expect(JSON.stringify({ total: usd('0.10') })).toBe(
      '{"total":{"amount":"0.1","currency":"USD"}}',
    );
  });

  it('compares by value and currency', () => {
    expect(usd('1.50').equals(usd('1.5'))).toBe(true);
    expect(usd('1.50').equals(Money.of('1.5', 'EUR'))).toBe(false);
  });

  it('prints full precision in toString', () => {
    expect(String(usd('0.64479625'))).toBe('0.64479625 USD');
  });
});
