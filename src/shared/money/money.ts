import { assertCurrencyCode, minorUnits } from './currency';
import { D, type Dec, formatDecimal, parseDecimal } from './decimal';
import { roundToMinorUnit } from './rounding';

export interface MoneyJson {
  amount: string;
  currency: string;
}

/**
 * An amount in one currency, at full precision until `rounded()` is asked for: rating keeps
 * every digit and only the invoice line is rounded.
 */
export class Money {
  private constructor(
    readonly amount: Dec,
    readonly currency: string,
  ) {
    Object.freeze(this);
  }

  /** Throws on a malformed amount string, a non-finite amount or an unknown currency. */
  static of(amount: string | Dec, currency: string): Money {
    assertCurrencyCode(currency);
    const value = typeof amount === 'string' ? parseDecimal(amount) : new D(amount);
    if (!value.isFinite()) {
      throw new Error(`Money amount must be finite, got ${value.toString()} ${currency}`);
    }
    // -0 would print as "0" yet report isNegative(); one zero avoids that split.
    return new Money(value.isZero() ? new D(0) : value, currency);
  }

  static zero(currency: string): Money {
    return Money.of(new D(0), currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other, 'add');
    return Money.of(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other, 'subtract');
    return Money.of(this.amount.minus(other.amount), this.currency);
  }

  /** Strings are parsed strictly, so a quantity can come straight from a numeric column. */
  times(factor: Dec | string): Money {
    const value = typeof factor === 'string' ? parseDecimal(factor) : factor;
    return Money.of(this.amount.times(value), this.currency);
  }

  negated(): Money {
    return Money.of(this.amount.negated(), this.currency);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative();
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.equals(other.amount);
  }

  /** Half away from zero at the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
  rounded(): Money {
    return Money.of(roundToMinorUnit(this.amount, this.currency), this.currency);
  }

  /** Full-precision amount as a plain decimal string: the wire never carries a float. */
  toJSON(): MoneyJson {
    return { amount: formatDecimal(this.amount), currency: this.currency };
  }

  /** Exactly the minor-unit decimals, rounded half up: "5.00", "1235", "1.235". */
  format(): string {
    return formatDecimal(this.amount, minorUnits(this.currency));
  }

  /** Full precision, so a log line never hides digits that the invoice will round. */
  toString(): string {
    return `${formatDecimal(this.amount)} ${this.currency}`;
  }

  private assertSameCurrency(other: Money, operation: string): void {
    if (other.currency !== this.currency) {
      throw new Error(
        `Cannot ${operation} ${other.currency} and ${this.currency}: currencies differ`,
      );
    }
  }
}
