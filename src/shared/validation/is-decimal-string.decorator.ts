import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { NON_NEGATIVE_DECIMAL_PATTERN } from '../money/decimal';

export interface DecimalStringOptions {
  /** The accepted shape; a non-negative numeric(38,18) unless said otherwise. */
  readonly pattern?: RegExp;
  readonly message?: string;
  /** false documents an optional field; pair it with @Optional(), which skips the check. */
  readonly required?: boolean;
  readonly description?: string;
  readonly example?: string;
  readonly default?: string;
}

/**
 * A money, DBU, price or rate field of a request: a plain decimal string (never a JSON number,
 * which would pass through a float). One pattern both checks the value and is the contract's
 * `pattern`, so the two cannot drift apart.
 */
export function IsDecimalString(options: DecimalStringOptions = {}): PropertyDecorator {
  const { pattern = NON_NEGATIVE_DECIMAL_PATTERN, message, ...documented } = options;
  return applyDecorators(
    ApiProperty({ type: 'string', format: 'decimal', pattern: pattern.source, ...documented }),
    Matches(pattern, {
      message: message ?? '$property must be a non-negative decimal string such as "12.50"',
    }),
  );
}
