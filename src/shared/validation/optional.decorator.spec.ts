import { PickType } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, Length, validateSync } from 'class-validator';
import { flattenValidationErrors } from '../errors/validation-exception.factory';
import { Optional } from './optional.decorator';
import { PatchType } from './patch-type';

class Example {
  @IsString()
  @Length(1, 20)
  name: string;

  @Optional()
  @IsString()
  note?: string;

  @Optional({ nullable: true })
  @IsInt()
  limit?: number | null;
}

class PatchExample extends PatchType(PickType(Example, ['name', 'note', 'limit'] as const)) {}

/** The field errors the ValidationPipe would answer with: `field:code`. */
function errorsOf(type: new () => object, body: object): string[] {
  const errors = validateSync(plainToInstance(type, body), { whitelist: true });
  return flattenValidationErrors(errors).map((e) => `${e.field}:${e.code}`);
}

describe('Optional', () => {
  it.each([
    ['a missing optional field', { name: 'a' }, []],
    ['an optional field given', { name: 'a', note: 'n', limit: 3 }, []],
    ['an optional field given the wrong type', { name: 'a', note: 4 }, ['note:is_string']],
    ['null in an optional field', { name: 'a', note: null }, ['note:not_null']],
    ['null in a nullable field', { name: 'a', limit: null }, []],
    ['the wrong type in a nullable field', { name: 'a', limit: 'x' }, ['limit:is_int']],
    ['null in a required field: one code, not one per check', { name: null }, ['name:not_null']],
  ])('%s', (_case, body, expected) => {
    expect(errorsOf(Example, body)).toEqual(expected);
  });
});

describe('PatchType', () => {
  it.each([
    ['nothing: nothing changes', {}, []],
    ['a required field left out', { note: 'n' }, []],
    ['null in a field required at creation', { name: null }, ['name:not_null']],
    ['null in an optional field', { note: null }, ['note:not_null']],
    ['null in a nullable field: it clears it', { limit: null }, []],
    ['a field still checked when given', { name: '' }, ['name:is_length']],
  ])('%s', (_case, body, expected) => {
    expect(errorsOf(PatchExample, body)).toEqual(expected);
  });
});
