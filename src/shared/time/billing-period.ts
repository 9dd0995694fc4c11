import { DateTime, IANAZone } from 'luxon';
import { D, type Dec } from '../money/decimal';

/** A calendar month in the customer's billing time zone. */
export type BillingPeriod = {
  /** 'YYYY-MM', the month as the customer sees it. */
  key: string;
  timeZone: string;
  start: Date;
  /** Exclusive: the instant the next period starts. */
  end: Date;
};

/** 'YYYY-MM' with a month 01–12. */
export const PERIOD_KEY_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** IANA names as the runtime's tz database knows them ("America/New_York", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && timeZone.length > 0 && IANAZone.isValidZone(timeZone);
}

/** The period that contains `instant`; an instant exactly at a period's end opens the next. */
export function billingPeriodContaining(instant: Date, timeZone: string): BillingPeriod {
  const zone = checkedTimeZone(timeZone);
  const local = DateTime.fromJSDate(assertValidDate(instant, 'instant'), { zone });
  return periodOf(local.year, local.month, zone);
}

/** Throws on anything but 'YYYY-MM' (month 01-12) or an unknown time zone. */
export function billingPeriodFromKey(key: string, timeZone: string): BillingPeriod {
  const match = typeof key === 'string' ? PERIOD_KEY_PATTERN.exec(key) : null;
  if (match === null) {
    throw new Error(
      `Invalid billing period key ${JSON.stringify(key)}: expected 'YYYY-MM' such as '2026-03'`,
    );
  }
  // Year and month are calendar fields, not amounts; the regex has bounded them to digits.
  return periodOf(parseInt(match[1], 10), parseInt(match[2], 10), checkedTimeZone(timeZone));
}

export function nextBillingPeriod(period: BillingPeriod): BillingPeriod {
  return billingPeriodContaining(period.end, period.timeZone);
}

/**
 * Share of `period` covered by [from, to), as the ratio of elapsed time (to the millisecond,
 * which is the ratio of seconds for whole-second instants). Exact to D's 100 significant
 * digits: a DST month is 743 or 745 hours, never 31 x 24. Throws if [from, to) is reversed or
 * leaks outside the period, since a silent clamp would bill a wrong segment as zero.
 */
export function fractionOfPeriod(from: Date, to: Date, period: BillingPeriod): Dec {
  const fromMs = assertValidDate(from, 'from').getTime();
  const toMs = assertValidDate(to, 'to').getTime();
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  if (fromMs > toMs) {
    throw new Error(`Invalid interval: from ${from.toISOString()} is after to ${to.toISOString()}`);
  }
  if (fromMs < startMs || toMs > endMs) {
    throw new Error(
      `Interval [${from.toISOString()}, ${to.toISOString()}) is outside billing period ${period.key} ` +
        `[${period.start.toISOString()}, ${period.end.toISOString()}) in ${period.timeZone}`,
    );
  }
  // Epoch milliseconds are integers below 2^53, so these conversions are exact.
  return new D(toMs - fromMs).dividedBy(new D(endMs - startMs));
}

function periodOf(year: number, month: number, timeZone: string): BillingPeriod {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new Error(`Billing period year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}`);
  }
  const start = startOfMonth(year, month, timeZone);
  const next = start.plus({ months: 1 });
  return {
    key: start.toFormat('yyyy-MM'),
    timeZone,
    start: start.toJSDate(),
    end: startOfMonth(next.year, next.month, timeZone).toJSDate(),
  };
}

/**
 * Local midnight of the 1st, or the first instant after it where a DST jump skips midnight
 * (America/Asuncion, 2017-10-01). Built from the calendar, never by adding a month to the
 * previous start, which would carry such a shifted hour into the next month.
 */
function startOfMonth(year: number, month: number, timeZone: string): DateTime {
  return DateTime.fromObject({ year, month, day: 1 }, { zone: timeZone });
}

/**
 * The zone is kept as spelled: asking the runtime for a canonical name would turn
 * 'Asia/Kolkata' into ICU's legacy 'Asia/Calcutta'.
 */
function checkedTimeZone(timeZone: string): string {
  if (!isValidTimeZone(timeZone)) {
    throw new Error(
      `Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA name such as 'Europe/Paris'`,
    );
  }
  return timeZone;
}

function assertValidDate(value: Date, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new Error(`${name} must be a valid Date`);
  }
  return value;
}
