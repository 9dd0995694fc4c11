import fc from 'fast-check';
import { jsonArrayElements } from './json-array-elements';

/** The records as jsonArrayElements and JSON.parse give them; null when the scan declines. */
function elementsOf(text: string, max = 1000): unknown[] | null {
  const body = Buffer.from(text);
  const bounds = jsonArrayElements(body, 'records', max);
  if (bounds === null) return null;
  const elements: unknown[] = [];
  for (let i = 0; i < bounds.length; i += 2) {
    elements.push(JSON.parse(body.toString('utf8', bounds[i], bounds[i + 1])));
  }
  return elements;
}

const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n  ');

describe('jsonArrayElements', () => {
  it('finds exactly the elements JSON.parse finds, whatever they hold and however spaced', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), space, space, (records, a, b) => {
        const inner = records.map((r) => `${a}${JSON.stringify(r, null, b.length)}${b}`);
        const text = `${a}{${b}"records"${a}:${b}[${inner.join(',')}]${a}}${b}`;
        expect(elementsOf(text)).toEqual(JSON.parse(text).records);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads strings whole: brackets, quotes and backslashes inside them count for nothing', () => {
    const text = String.raw`{"records": ["]", "\"}", {"a": "\\"}, {"b": "[{\\\"x"}, "\\\\"]}`;
    expect(elementsOf(text)).toEqual(JSON.parse(text).records);
    expect(elementsOf('{"records": []}')).toEqual([]);
    expect(elementsOf('{"rec\\u006frds": [1]}')).toEqual([1]);
  });

  it('declines more elements than the limit as soon as it counts them', () => {
    expect(elementsOf('{"records": [1, 2, 3]}', 3)).toEqual([1, 2, 3]);
    expect(elementsOf('{"records": [1, 2, 3, 4]}', 3)).toBeNull();
    // Declined before the rest is even looked at: the whole parse decides what to say.
    expect(elementsOf('{"records": [1, 2, 3, 4, tru', 3)).toBeNull();
  });

  it('declines any other shape, leaving it to a whole parse', () => {
    for (const text of [
      '',
      '[]',
      '{}',
      '{"other": []}',
      '{"records": {}}',
      '{"records": [1], "records": [2]}',
      '{"records": [1], "extra": 1}',
      '{"records": [1]} x',
      '{"records": [1 2]}',
      '{"records": [1,]}',
      '{"records": [,1]}',
      '{"records": ["open]}',
      '{"records": [{"a": 1}',
      '{"records" [1]}',
      '{"\\x": [1]}',
    ]) {
      expect(elementsOf(text)).toBeNull();
    }
  });

  it('never takes invalid JSON for valid: each text either is declined, or fails to parse as JSON.parse fails it, or gives its records', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      ' ',
      '1',
      'a',
      '"records"',
      'null',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
        const text = `{"records": [${tokens.join('')}]}`;
        let whole: unknown;
        try {
          whole = (JSON.parse(text) as { records: unknown }).records;
        } catch {
          whole = 'invalid';
        }
        let scanned: unknown;
        try {
          scanned = elementsOf(text) ?? whole;
        } catch {
          scanned = 'invalid';
        }
        expect(scanned).toEqual(whole);
      }),
      { numRuns: 20000 },
    );
  });
});
