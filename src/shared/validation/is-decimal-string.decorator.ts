import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/**
 * A money, DBU or price field: a plain decimal string on the wire (never a JSON number, which
 * would pass through a float), `type: string` in the contract.
 */
export function IsDecimalString(options: { description?: string; example?: string } = {}) {
  return applyDecorators(
    ApiProperty({ type: 'string', format: 'decimal', pattern: '^-?\\d+(\\.\\d+)?$', ...options }),
    IsString(),
    Matches(/^-?\d{1,20}(\.\d{1,18})?$/, {
      message: '$property must be a decimal string such as "12.50"',
    }),
  );
}
