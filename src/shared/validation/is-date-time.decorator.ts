import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, isISO8601 } from 'class-validator';

/**
 * An instant, written as an ISO-8601 string, read as a Date. class-transformer's `@Type(() =>
 * Date)` would hand anything to `new Date()`: `0`, `true` and `"1"` all became valid dates. Here
 * only an ISO-8601 string is converted; anything else stays as it was and is refused.
 */
export function IsDateTime(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && isISO8601(value, { strict: true }) ? new Date(value) : value,
    ),
    IsDate({ message: '$property must be an ISO-8601 date-time such as 2026-10-01T00:00:00Z' }),
  );
}
