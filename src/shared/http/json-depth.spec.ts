import fc from 'fast-check';
import { jsonNestsDeeperThan } from './json-depth';

/** How deeply a parsed value nests arrays and objects (a scalar is level 0). */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

const deeper = (text: string, max: number) => jsonNestsDeeperThan(Buffer.from(text), max);

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['1', 0, false],
    ['{}', 0, true],
    ['{}', 1, false],
    ['[[]]', 1, true],
    ['[[]]', 2, false],
    ['{"a": [1, {"b": []}]}', 4, false],
    ['{"a": [1, {"b": []}]}', 3, true],
    ['[[], [], []]', 2, false],
    // Brackets inside strings, escaped quotes included, are text.
    ['["[[[[", "\\"[[[[", "\\\\", ["ok"]]', 2, false],
    ['["\\\\"], [[["x"]]]', 3, false],
    ['{"é": "{{{{", "k": [{"ü": "]]]"}]}', 3, false],
  ])('%s nests deeper than %i: %s', (text, max, expected) => {
    expect(deeper(text, max)).toBe(expected);
  });

  it('counts levels as JSON.parse builds them, whatever the values hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.nat(10), (value, max) => {
        const text = JSON.stringify(value);
        expect(deeper(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a body nested far deeper than any stack would bear, without recursing', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(deeper(text, 64)).toBe(true);
  });

  it('leaves unterminated text to JSON.parse: it only says whether the limit is passed', () => {
    expect(deeper('["unterminated', 1)).toBe(false);
    expect(deeper('[[[', 2)).toBe(true);
  });
});
