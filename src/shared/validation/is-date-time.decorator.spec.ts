import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsDateTime } from './is-date-time.decorator';

class Example {
  @IsDateTime()
  at: Date;
}

const read = (at: unknown) => {
  const example = plainToInstance(Example, { at });
  return { at: example.at, valid: validateSync(example).length === 0 };
};

describe('IsDateTime', () => {
  it.each([
    ['2026-10-01T00:00:00Z', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01T02:30:00.250+02:00', '2026-10-01T00:30:00.250Z'],
    ['2026-10-01', '2026-10-01T00:00:00.000Z'],
  ])('reads %s as the instant %s', (text, instant) => {
    const { at, valid } = read(text);
    expect(valid).toBe(true);
    expect(at.toISOString()).toBe(instant);
  });

  // new Date() takes all of these: 0 and true were the epoch, "1" was the year 2001.
  it.each([0, 1, true, '1', 'March 7', '2026-02-30T00:00:00Z', '', null, [], {}, ['2026-10-01']])(
    'refuses %p',
    (value) => {
      expect(read(value).valid).toBe(false);
    },
  );
});
