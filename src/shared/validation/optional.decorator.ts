import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * A field the client may leave out. Use it instead of class-validator's IsOptional, which skips
 * every check for null as well as for a missing field: an explicit null then reached the services
 * as if it were a value, and the database refused it (a not-null violation, a 500) or the code
 * read it as something given. Here only a missing field skips the checks; null is checked and
 * refused with the code `not_null`.
 *
 * `nullable: true` is for a field where null means "clear it": null skips the checks, reaches
 * the service as null, and the contract says `nullable: true`.
 */
export function Optional(options: { nullable?: boolean } = {}): PropertyDecorator {
  if (options.nullable === true) {
    return applyDecorators(
      ValidateIf((_object, value) => value !== undefined && value !== null),
      ApiProperty({ required: false, nullable: true }),
    );
  }
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    ValidateBy({
      name: 'notNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: () => '$property must not be null; leave it out instead',
      },
    }),
  );
}
