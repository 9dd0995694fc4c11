import type { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';

/**
 * The body of a PATCH: every field of `base`, each optional in the sense of Optional (left out:
 * unchanged; an explicit null: refused, unless the base declares the field nullable). Swagger's
 * PartialType alone adds class-validator's IsOptional, which lets null through to the database.
 */
export function PatchType<T>(base: Type<T>) {
  return PartialType(base, { skipNullProperties: false });
}
