import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCurrencyCode } from '../money/currency';
import { isValidTimeZone } from '../time/billing-period';

export function IsCurrencyCode(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCurrencyCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
        defaultMessage: () => '$property must be an ISO-4217 currency code such as USD',
      },
    },
    options,
  );
}

export function IsTimeZone(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
        defaultMessage: () => '$property must be an IANA time zone such as Europe/Paris',
      },
    },
    options,
  );
}
