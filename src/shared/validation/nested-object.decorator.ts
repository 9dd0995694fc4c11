import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A nested object checked against `type` (or, with `each`, an array of them). ValidateNested
 * alone passes a missing value, and walks an array where an object belongs, checking nothing when
 * it is empty: `plan: []` reached the service as a plan. IsObject refuses both.
 */
export function NestedObject(type: () => ClassType, options: { each?: boolean } = {}) {
  const each = options.each === true;
  return applyDecorators(IsObject({ each }), ValidateNested({ each }), Type(type));
}
