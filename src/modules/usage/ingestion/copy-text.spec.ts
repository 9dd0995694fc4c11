import fc from 'fast-check';
import { copyLine, copyValues, firstCopyValue } from './copy-text';

describe('COPY text lines', () => {
  it('writes the format PostgreSQL reads: tabs between values, \\N for null, escapes, a newline', () => {
    expect(copyLine(['a', null, 'tab\there', 'back\\slash', 'line\nbreak', 'cr\r', ''])).toBe(
      'a\t\\N\ttab\\there\tback\\\\slash\tline\\nbreak\tcr\\r\t\n',
    );
    // Text that merely looks like null stays text.
    expect(copyLine(['\\N'])).toBe('\\\\N\n');
  });

  it('reads back exactly the values it wrote', () => {
    const value = fc.option(
      fc.string({ unit: fc.constantFrom('a', '\\', '\t', '\n', '\r', 'N', 'é', ' ') }),
      {
        nil: null,
      },
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), (values) => {
        const line = copyLine(values);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(copyValues(line)).toEqual(values);
        expect(firstCopyValue(line)).toEqual(values[0]);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses an escape it never writes', () => {
    expect(() => copyValues('a\\x\n')).toThrow('not a copyLine escape');
  });
});
