import fc from 'fast-check';
import { PRECISE_JSON_KEYS, quoteJsonNumbers } from './decimal-fields';

const KEYS = ['usage_quantity', 'default', 'pricing.default', 'duration_in_seconds'];

describe('quoteJsonNumbers', () => {
  it.each([
    // [input, output]
    ['{"usage_quantity": 1.234}', '{"usage_quantity": "1.234"}'],
    ['{"usage_quantity":-0.6134}', '{"usage_quantity":"-0.6134"}'],
    ['{"usage_quantity" :\n 1.5E-3}', '{"usage_quantity" :\n "1.5E-3"}'],
    ['{"usage_quantity": 2e+21}', '{"usage_quantity": "2e+21"}'],
    ['{"usage_quantity": 0}', '{"usage_quantity": "0"}'],
    [
      '{"usage_quantity": 12345.123456789012345678}',
      '{"usage_quantity": "12345.123456789012345678"}',
    ],
    ['{"pricing": {"default": 0.35}}', '{"pricing": {"default": "0.35"}}'],
    ['{"pricing.default": 0.35, "x": 1}', '{"pricing.default": "0.35", "x": 1}'],
    ['[{"duration_in_seconds": 4116}]', '[{"duration_in_seconds": "4116"}]'],
    // Already strings, other types and other keys are left alone.
    ['{"usage_quantity": "1.5"}', '{"usage_quantity": "1.5"}'],
    ['{"usage_quantity": null}', '{"usage_quantity": null}'],
    ['{"usage_quantity": true}', '{"usage_quantity": true}'],
    ['{"other_quantity": 1.5}', '{"other_quantity": 1.5}'],
    ['{"usage_quantity_2": 1.5}', '{"usage_quantity_2": 1.5}'],
    // Inside string values nothing is a key, escaped quotes included.
    ['{"note": "\\"usage_quantity\\": 1"}', '{"note": "\\"usage_quantity\\": 1"}'],
    ['{"note": "\\\\", "default": 1}', '{"note": "\\\\", "default": "1"}'],
    ['{"a": "usage_quantity", "b": 2}', '{"a": "usage_quantity", "b": 2}'],
    ['{"a": ["default", 3]}', '{"a": ["default", 3]}'],
    // A key that only ends like a wanted one, its opening quote escaped inside another key.
    ['{"\\"default": 1}', '{"\\"default": 1}'],
    ['{"x\\\\": 0, "default": 1}', '{"x\\\\": 0, "default": "1"}'],
  ])('%s -> %s', (input, output) => {
    expect(quoteJsonNumbers(input, KEYS)).toBe(output);
  });

  it('keeps every digit through JSON.parse', () => {
    const body =
      '{"usage_quantity": 12345.123456789012345678, "workspace_id": 1444828305810485123}';
    const parsed = JSON.parse(quoteJsonNumbers(body, PRECISE_JSON_KEYS)) as Record<string, unknown>;
    expect(parsed).toEqual({
      usage_quantity: '12345.123456789012345678',
      workspace_id: '1444828305810485123',
    });
  });

  it('leaves the text unchanged without keys', () => {
    expect(quoteJsonNumbers('{"usage_quantity": 1}', [])).toBe('{"usage_quantity": 1}');
  });

  it('rewrites every row of a 10 MB body', () => {
    const row = JSON.stringify({
      record_id: 'r',
      note: 'a "quoted" \\ value, usage_quantity: 5',
      usage_quantity: 1.5,
      usage_metadata: { central_clean_room_id: 'x', job_id: null },
      pricing: { default: 0.35 },
    });
    const body = `[${Array.from({ length: 60_000 }, () => row).join(',')}]`;
    expect(body.length).toBeGreaterThan(10_000_000);
    const quoted = quoteJsonNumbers(body, KEYS);
    const rows = JSON.parse(quoted) as { usage_quantity: unknown; pricing: unknown }[];
    expect(rows[59_999]).toMatchObject({ usage_quantity: '1.5', pricing: { default: '0.35' } });
  });

  it('survives one huge string value without a stack overflow', () => {
    const body = `{"blob": "${'x\\"'.repeat(2_000_000)}", "usage_quantity": 7}`;
    expect(quoteJsonNumbers(body, KEYS).endsWith('"usage_quantity": "7"}')).toBe(true);
  });

  it('quotes exactly the numbers under the keys, at any depth, in any JSON', () => {
    // Keys and strings with quotes, backslashes and the key names inside them.
    const text = fc.oneof(
      fc.constantFrom(
        ...KEYS,
        'other',
        'default"',
        '"default',
        '\\"default',
        '\\default',
        'a\\',
        '"',
        ': 1',
      ),
      fc.string(),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), text),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(text, tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    // What parsing the quoted text must give: numbers under a wanted key become their JSON text.
    const expected = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(expected);
      if (node === null || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node).map(([key, inner]) => [
          key,
          typeof inner === 'number' && KEYS.includes(key) ? JSON.stringify(inner) : expected(inner),
        ]),
      );
    };
    fc.assert(
      fc.property(value, fc.boolean(), (generated, pretty) => {
        const json = JSON.stringify(generated, null, pretty ? 2 : undefined);
        expect(JSON.parse(quoteJsonNumbers(json, KEYS))).toEqual(expected(JSON.parse(json)));
      }),
      { numRuns: 3000 },
    );
  });
});
