import { ValidateBy } from 'class-validator';
import { isCalendarDay } from '../time/calendar-day';

/** A calendar day, `YYYY-MM-DD`, kept as the string it is (no instant: the zone is the reader's). */
export function IsCalendarDay(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) => isCalendarDay(value),
      defaultMessage: () => '$property must be a calendar day such as 2025-06-01 (YYYY-MM-DD)',
    },
  });
}
