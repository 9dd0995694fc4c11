import fc from 'fast-check';

/** What a case sends: a JSON value (serialised, raw tokens spliced in), or text as it is. */
export type Payload =
  | { readonly kind: 'json'; readonly value: unknown; readonly note: string }
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly contentType: string | null;
      readonly note: string;
    }
  | { readonly kind: 'none'; readonly note: string };

/** A JSON token JSON.stringify cannot write (1e400 reads as Infinity), spliced in as text. */
const RAW = (token: string) => `@@raw:${token}@@`;

export function payloadText(payload: Payload): string | undefined {
  if (payload.kind === 'none') return undefined;
  if (payload.kind === 'text') return payload.text;
  return JSON.stringify(payload.value).replace(/"@@raw:([^@]*)@@"/g, '$1');
}

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
};

/** Values that break assumptions: the wrong type, null, huge, odd text, deep, odd numbers. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER,
    1e308,
    '',
    ' ',
    'x',
    [],
    [null],
    {},
    { '': null },
    '0',
    '-0',
    'NaN',
    'Infinity',
    '1e400',
    '99999999999999999999999.9999999999999999999',
    '2026-02-30T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '0001-01-01T00:00:00Z',
    '00000000-0000-0000-0000-000000000000',
    '\u0000',
    '\ud800',
    'e\u0301\u200f\u202e😀𝟘',
    "'; DROP TABLE customers; --",
    '%s%n%x',
    RAW('1e400'),
    RAW('-1e400'),
    RAW('123456789012345678901234567890'),
    RAW('1.0000000000000000000000001'),
    RAW('-0'),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(10_000, 300_000).map((n) => 'é'.repeat(n)),
  fc.constantFrom(40, 64, 65, 1500).map(nested),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every place in a JSON value a mutation can touch: [] is the value itself. */
function pathsOf(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

/** A copy of `value` with `update` applied to the container at `path` (or to the root). */
function edit(
  value: unknown,
  path: (string | number)[],
  update: (container: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy: unknown = structuredClone(value);
  if (path.length === 0) return copy;
  let container = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1))
    container = container[key] as Record<string | number, unknown>;
  update(container, path[path.length - 1]);
  return copy;
}

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  'toString',
  'ünïcödé',
  'a.b',
  '$where',
];

const MALFORMED = ['{', '{"a": ', '[1,]', '{"a" 1}', 'nul', '"', '{"a": "\\x"}', '\u00ff\u00fe{}'];

/** A valid-ish value, changed or not, and how: the cases a write route is sent. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Payload> {
  const at = fc.tuple(valid, fc.nat(), nastyValue);
  return fc.oneof(
    {
      weight: 3,
      arbitrary: valid.map((value): Payload => ({ kind: 'json', value, note: 'valid-ish' })),
    },
    {
      weight: 4,
      arbitrary: at.map(([value, pick, nasty]): Payload => {
        const paths = pathsOf(value);
        const path = paths[pick % paths.length];
        if (path.length === 0) return { kind: 'json', value: nasty, note: 'body replaced' };
        const changed = edit(value, path, (container, key) => {
          container[key] = nasty;
        });
        return { kind: 'json', value: changed, note: `${path.join('.')} replaced` };
      }),
    },
    {
      // Null anywhere: an optional field takes it as absent or refuses it, never stores it.
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat()).map(([value, pick]): Payload => {
        const paths = pathsOf(value).filter((path) => path.length > 0);
        if (paths.length === 0) return { kind: 'json', value: null, note: 'null body' };
        const path = paths[pick % paths.length];
        const changed = edit(value, path, (container, key) => {
          container[key] = null;
        });
        return { kind: 'json', value: changed, note: `${path.join('.')} null` };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.nat(), fc.constantFrom(...ODD_KEYS), nastyValue)
        .map(([value, pick, key, nasty]): Payload => {
          const objects = pathsOf(value).filter((path) => {
            const target = path.reduce<unknown>(
              (node, step) => (node as Record<string | number, unknown>)[step],
              value,
            );
            return typeof target === 'object' && target !== null && !Array.isArray(target);
          });
          if (objects.length === 0) return { kind: 'json', value, note: 'no object for a field' };
          const path = objects[pick % objects.length];
          const changed = structuredClone(value);
          const target = path.reduce<unknown>(
            (node, step) => (node as Record<string | number, unknown>)[step],
            changed,
          ) as Record<string, unknown>;
          Object.defineProperty(target, key, {
            value: nasty,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          return {
            kind: 'json',
            value: changed,
            note: `extra field ${JSON.stringify(key)} at ${path.join('.')}`,
          };
        }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([value, pick]): Payload => {
        const paths = pathsOf(value).filter((path) => path.length > 0);
        if (paths.length === 0) return { kind: 'json', value, note: 'nothing to remove' };
        const path = paths[pick % paths.length];
        const changed = edit(value, path, (container, key) => {
          if (Array.isArray(container)) container.splice(Number(key), 1);
          else delete container[key];
        });
        return { kind: 'json', value: changed, note: `${path.join('.')} removed` };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(...MALFORMED).map((text): Payload => ({
          kind: 'text',
          text,
          contentType: 'application/json',
          note: 'malformed JSON',
        })),
        valid.map((value): Payload => ({
          kind: 'text',
          text: JSON.stringify(value),
          contentType: 'text/plain',
          note: 'JSON as text/plain',
        })),
        valid.map((value): Payload => ({
          kind: 'text',
          text: JSON.stringify(value).slice(0, -1),
          contentType: 'application/json',
          note: 'truncated',
        })),
        fc.constant<Payload>({
          kind: 'text',
          text: '',
          contentType: 'application/json',
          note: 'empty JSON body',
        }),
        fc.constant<Payload>({ kind: 'none', note: 'no body' }),
      ),
    },
  );
}

/** CSV-ish text for the import routes: a header of known and odd columns, then odd lines. */
export const csvPayload = fc
  .tuple(
    fc.constantFrom(
      'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product',
      'sku_name,cloud,currency_code,usage_unit,price_start_time,pricing.default',
      'event_id,event_time,event_type,central_clean_room_id',
      'a,b,c',
      '',
    ),
    fc.array(
      fc.array(
        nastyValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
        { maxLength: 12 },
      ),
      { maxLength: 4 },
    ),
  )
  .map(([header, lines]): Payload => ({
    kind: 'text',
    text: [header, ...lines.map((cells) => cells.join(','))].join('\n'),
    contentType: 'text/csv',
    note: 'CSV',
  }));
