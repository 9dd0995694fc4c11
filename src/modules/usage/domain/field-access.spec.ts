import { NestedFieldReader, isPlainObject, pick, readerOver, unflatten } from './field-access';

describe('unflatten', () => {
  it.each([
    // [name, row, nested]
    ['leaves nested rows as they are', { a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x' } }],
    [
      'nests dotted keys',
      { 'usage_metadata.job_id': '9', 'pricing.effective_list.default': '0.35' },
      { usage_metadata: { job_id: '9' }, pricing: { effective_list: { default: '0.35' } } },
    ],
    [
      "turns '' into null at any depth",
      { a: '', b: { c: '' }, d: ['', 'x'] },
      { a: null, b: { c: null }, d: [null, 'x'] },
    ],
    [
      'merges dotted keys into nested objects',
      { pricing: { default: '0.4' }, 'pricing.promotional.default': '0.2' },
      { pricing: { default: '0.4', promotional: { default: '0.2' } } },
    ],
    [
      'prefers the non-empty flat value',
      { usage_metadata: { job_id: null }, 'usage_metadata.job_id': '9' },
      { usage_metadata: { job_id: '9' } },
    ],
    [
      'prefers the non-empty nested value',
      { 'usage_metadata.job_id': '', usage_metadata: { job_id: '9' } },
      { usage_metadata: { job_id: '9' } },
    ],
    [
      'nests below a blank struct',
      { usage_metadata: '', 'usage_metadata.job_id': '9' },
      { usage_metadata: { job_id: '9' } },
    ],
    ['keeps one copy of equal values', { a: { b: '1' }, 'a.b': '1' }, { a: { b: '1' } }],
    [
      'keeps both of two different values: nested in place, dotted as given',
      { a: { b: '1' }, 'a.b': '2' },
      { a: { b: '1' }, 'a.b': '2' },
    ],
    [
      'keeps a dotted key as given when a scalar blocks its path',
      { a: 'text', 'a.b': '2' },
      { a: 'text', 'a.b': '2' },
    ],
    [
      'merges an object given under a dotted key',
      { a: { b: { c: '1' } }, 'a.b': { d: '2' } },
      { a: { b: { c: '1', d: '2' } } },
    ],
    [
      'never splits keys below the top level',
      { custom_tags: { 'app.kubernetes.io/name': 'etl' } },
      { custom_tags: { 'app.kubernetes.io/name': 'etl' } },
    ],
    [
      'keeps keys with empty steps as given',
      { 'a..b': 1, '.c': 2, 'd.': 3 },
      { 'a..b': 1, '.c': 2, 'd.': 3 },
    ],
  ])('%s', (_name, row, nested) => {
    expect(unflatten(row)).toEqual(nested);
  });

  it('does not change its input', () => {
    const row = { a: { b: '' }, 'a.c': '1' };
    unflatten(row);
    expect(row).toEqual({ a: { b: '' }, 'a.c': '1' });
  });

  it('keeps __proto__ as a plain field and never touches Object.prototype', () => {
    const row = JSON.parse('{"__proto__": {"polluted": "yes"}, "__proto__.x": "1"}') as Record<
      string,
      unknown
    >;
    const nested = unflatten(row);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.keys(nested)).toEqual(['__proto__']);
    expect(isPlainObject(nested.__proto__)).toBe(true);
  });
});

describe('pick', () => {
  const row = { a: { b: { c: '1' }, n: null }, s: 'x' };
  it.each([
    [['a', 'b', 'c'], '1'],
    [['a', 'b'], { c: '1' }],
    [['a', 'n'], null],
    [['a', 'missing'], undefined],
    [['s', 'length'], undefined],
    [['a', 'n', 'deeper'], undefined],
    [['toString'], undefined],
  ])('%j', (path, value) => {
    expect(pick(row, path)).toEqual(value);
  });
});

describe('NestedFieldReader', () => {
  it.each([
    // [name, row, taken paths, rest]
    ['keeps what was not taken', { a: '1', b: '2' }, ['a'], { b: '2' }],
    [
      'keeps the untaken present fields of a struct, not its absent ones',
      { m: { id: 'x', other: null, more: '3' } },
      ['m.id'],
      { m: { more: '3' } },
    ],
    [
      'drops absent values at any depth, keeps present ones',
      { a: null, b: '', c: { d: null, e: '', f: { g: null, h: 0 } }, i: false },
      [],
      { c: { f: { h: 0 } }, i: false },
    ],
    ['drops a struct emptied by taking', { p: { d: '1', q: { d: null } } }, ['p.d', 'p.q.d'], {}],
    ['drops a struct emptied by taking and absent values', { p: { d: '1', q: null } }, ['p.d'], {}],
    ['keeps a struct given empty', { f: {} }, [], { f: {} }],
    ['treats a null struct on a taken path as taken', { p: { q: null } }, ['p.q.d'], {}],
    ['keeps a scalar where a struct was expected', { m: 'text' }, ['m.id'], { m: 'text' }],
    ['takes a whole subtree', { t: { a: '1' }, u: 1 }, ['t', 't.a'], { u: 1 }],
    ['ignores fields that are not there', { a: '1' }, ['x.y', 'z'], { a: '1' }],
  ])('%s', (_name, row, taken, rest) => {
    const reader = new NestedFieldReader(row);
    taken.forEach((path) => reader.take(path));
    expect(reader.rest()).toEqual(rest);
  });

  it('returns the value taken', () => {
    const reader = new NestedFieldReader({ m: { id: 'x' } });
    expect(reader.take('m.id')).toBe('x');
    expect(reader.take('m.none')).toBeUndefined();
  });
});

describe('readerOver', () => {
  it.each([
    // [name, flat row as CSV gives it, its nested twin as the JSON export gives it, taken, rest]
    [
      'usage row: blank columns and null fields left out alike',
      {
        record_id: 'r1',
        'usage_metadata.job_id': '9',
        'usage_metadata.cluster_id': '',
        'identity_metadata.run_as': '',
        'identity_metadata.owned_by': '',
        'product_features.is_serverless': '',
        'product_features.performance_target': 'STANDARD',
        new_column: 'kept',
        blank_column: '',
      },
      {
        record_id: 'r1',
        usage_metadata: { job_id: '9', cluster_id: null },
        identity_metadata: { run_as: null, owned_by: null },
        product_features: { is_serverless: null, performance_target: 'STANDARD' },
        new_column: 'kept',
        blank_column: null,
      },
      ['record_id', 'usage_metadata.job_id', 'identity_metadata.run_as'],
      { product_features: { performance_target: 'STANDARD' }, new_column: 'kept' },
    ],
    [
      'an unread struct with only nulls',
      { 's.a': '', 's.b': '' },
      { s: { a: null, b: null } },
      [],
      {},
    ],
    [
      'a null struct and its blank columns',
      { id: 'e1', 'm.run_id': '', 'm.state': '' },
      { id: 'e1', m: null },
      ['id'],
      {},
    ],
    [
      'a struct emptied by taking',
      { 'm.id': 'x', 'm.other': '' },
      { m: { id: 'x', other: null } },
      ['m.id'],
      {},
    ],
  ])('%s', (_name, flatRow, nestedRow, taken, rest) => {
    const [flat, nested] = [readerOver(flatRow), readerOver(nestedRow)];
    taken.forEach((path) => {
      expect(flat.take(path)).toEqual(nested.take(path));
    });
    expect({ flat: flat.rest(), nested: nested.rest() }).toEqual({ flat: rest, nested: rest });
  });
});
