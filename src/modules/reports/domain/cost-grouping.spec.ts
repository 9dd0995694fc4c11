import { D } from '../../../shared/money/decimal';
import type { CostCell } from './cost-cell';
import {
  compareGroups,
  compareKeys,
  COST_GROUP_KEYS,
  CostGroups,
  GROUP_KEY_FIELDS,
  groupKey,
  type CostGroup,
  type CostGroupKey,
} from './cost-grouping';

function cell(fields: Partial<Record<keyof CostCell, unknown>> = {}): CostCell {
  const dec = (name: 'dbu' | 'listCost' | 'partnerCost' | 'billed', fallback: string) =>
    new D((fields[name] as string | undefined) ?? fallback);
  return {
    customerId: 'cust-1',
    currency: 'USD',
    roomId: 'room-1',
    runId: 'run-1',
    notebookName: 'nb',
    skuName: 'SKU_A',
    trigger: 'partner',
    at: new Date('2045-03-02T10:00:00Z'),
    billedFrom: 'invoice',
    ...(fields as Partial<CostCell>),
    dbu: dec('dbu', '1'),
    listCost: dec('listCost', '0.4'),
    partnerCost: dec('partnerCost', '0.3'),
    billed: dec('billed', '0.05'),
  };
}

/** A group as plain text: its key and its sums. */
function row(group: CostGroup) {
  return {
    ...group,
    partnerDbu: group.partnerDbu.toFixed(),
    customerDbu: group.customerDbu.toFixed(),
    listCost: group.listCost.toFixed(),
    partnerCost: group.partnerCost.toFixed(),
    billed: group.billed.toFixed(),
  };
}

function grouped(
  by: CostGroupKey[],
  cells: CostCell[],
  zone: string | ((c: CostCell) => string) = 'UTC',
) {
  const groups = new CostGroups(by, typeof zone === 'string' ? () => zone : zone);
  for (const c of cells) groups.add(c);
  return groups.drain().map(row);
}

const NULL_KEY = {
  customerId: null,
  roomId: null,
  runId: null,
  notebookName: null,
  skuName: null,
  trigger: null,
  day: null,
  month: null,
};

describe('CostGroups: keys', () => {
  const one = cell();
  it.each<[CostGroupKey, Partial<CostGroup>]>([
    ['customer', { customerId: 'cust-1' }],
    ['room', { roomId: 'room-1' }],
    // A run id is unique within its room only: grouping by run keeps the room in the key.
    ['run', { roomId: 'room-1', runId: 'run-1' }],
    ['notebook', { notebookName: 'nb' }],
    ['sku', { skuName: 'SKU_A' }],
    ['trigger', { trigger: 'partner' }],
    ['day', { day: '2045-03-02' }],
    ['month', { month: '2045-03' }],
  ])('by %s: that field (and only it) in the key, currency always', (by, key) => {
    expect(grouped([by], [one])).toEqual([
      {
        ...NULL_KEY,
        ...key,
        currency: 'USD',
        partnerDbu: '1',
        customerDbu: '0',
        listCost: '0.4',
        partnerCost: '0.3',
        billed: '0.05',
        billedFrom: 'invoice',
      },
    ]);
  });

  it('by every key at once', () => {
    expect(grouped([...COST_GROUP_KEYS], [one])).toEqual([
      expect.objectContaining({
        customerId: 'cust-1',
        roomId: 'room-1',
        runId: 'run-1',
        notebookName: 'nb',
        skuName: 'SKU_A',
        trigger: 'partner',
        day: '2045-03-02',
        month: '2045-03',
        currency: 'USD',
      }),
    ]);
  });

  it('never adds up two currencies, whatever the grouping', () => {
    const rows = grouped(
      ['customer'],
      [
        cell({ currency: 'USD', dbu: '2', billed: '1.00' }),
        cell({ currency: 'EUR', dbu: '3', billed: '2.00' }),
        cell({ currency: 'USD', dbu: '4', billed: '0.50' }),
      ],
    );
    // EUR < USD; USD: 2 + 4 DBU, 1.00 + 0.50 billed.
    expect(rows.map((r) => [r.currency, r.partnerDbu, r.billed])).toEqual([
      ['EUR', '3', '2'],
      ['USD', '6', '1.5'],
    ]);
  });

  it('sums DBU by trigger, costs and billed over every cell; money cells add billed only', () => {
    const rows = grouped(
      ['room'],
      [
        cell({ trigger: 'partner', dbu: '10', listCost: '4', partnerCost: '3', billed: '1.23' }),
        cell({ trigger: 'customer', dbu: '4', listCost: '1', partnerCost: '0', billed: '0.40' }),
        cell({
          trigger: 'partner',
          dbu: '-2.5',
          listCost: '-1',
          partnerCost: '-0.75',
          billed: '0',
        }),
        // Money of the room: no trigger, no usage.
        cell({ trigger: null, dbu: '0', listCost: '0', partnerCost: '0', billed: '10.00' }),
      ],
    );
    // partner 10 - 2.5 = 7.5; customer 4; list 4 + 1 - 1 = 4; partner cost 3 - 0.75 = 2.25;
    // billed 1.23 + 0.40 + 0 + 10.00 = 11.63.
    expect(rows).toEqual([
      {
        ...NULL_KEY,
        roomId: 'room-1',
        currency: 'USD',
        partnerDbu: '7.5',
        customerDbu: '4',
        listCost: '4',
        partnerCost: '2.25',
        billed: '11.63',
        billedFrom: 'invoice',
      },
    ]);
  });

  it('says where billed comes from: one source, or mixed', () => {
    const rows = grouped(
      ['month'],
      [
        cell({ at: new Date('2045-03-05T00:00:00Z'), billedFrom: 'invoice' }),
        cell({ at: new Date('2045-03-06T00:00:00Z'), billedFrom: 'invoice' }),
        cell({ at: new Date('2045-04-05T00:00:00Z'), billedFrom: 'invoice' }),
        cell({ at: new Date('2045-04-06T00:00:00Z'), billedFrom: 'estimate' }),
        cell({ at: new Date('2045-05-06T00:00:00Z'), billedFrom: 'estimate' }),
      ],
    );
    expect(rows.map((r) => [r.month, r.billedFrom])).toEqual([
      ['2045-03', 'invoice'],
      ['2045-04', 'mixed'],
      ['2045-05', 'estimate'],
    ]);
  });

  it('a cell without a room, run, notebook, SKU or trigger has nulls in those keys', () => {
    const money = cell({
      roomId: null,
      runId: null,
      notebookName: null,
      skuName: null,
      trigger: null,
      dbu: '0',
      listCost: '0',
      partnerCost: '0',
      billed: '100.00',
    });
    expect(grouped(['room', 'run', 'notebook', 'sku', 'trigger'], [money])).toEqual([
      {
        ...NULL_KEY,
        currency: 'USD',
        partnerDbu: '0',
        customerDbu: '0',
        listCost: '0',
        partnerCost: '0',
        billed: '100',
        billedFrom: 'invoice',
      },
    ]);
  });
});

describe('CostGroups: days and months in a time zone', () => {
  const at = (iso: string) => cell({ at: new Date(iso) });
  const days = (zone: string, isos: string[]) =>
    grouped(['day'], isos.map(at), zone).map((r) => [r.day, r.partnerDbu]);
  const months = (zone: string, isos: string[]) =>
    grouped(['month'], isos.map(at), zone).map((r) => [r.month, r.partnerDbu]);

  it('UTC', () => {
    expect(days('UTC', ['2045-03-01T23:59:59.999Z', '2045-03-02T00:00:00Z'])).toEqual([
      ['2045-03-01', '1'],
      ['2045-03-02', '1'],
    ]);
  });

  it('a 30-minute offset: Asia/Kolkata (UTC+5:30) starts its 2 March at 1 March 18:30 UTC', () => {
    expect(
      days('Asia/Kolkata', [
        '2045-03-01T18:29:59.999Z', // 23:59:59.999 on 1 March
        '2045-03-01T18:30:00Z', // 00:00 on 2 March
        '2045-03-02T18:29:00Z', // 23:59 on 2 March
      ]),
    ).toEqual([
      ['2045-03-01', '1'],
      ['2045-03-02', '2'],
    ]);
  });

  it('a 30-minute offset and a DST change: Australia/Adelaide, April 2045', () => {
    // ACDT (UTC+10:30) until 2 April 2045 03:00 local, then ACST (UTC+9:30).
    // 1 April starts at 31 March 13:30 UTC; 2 April (25 hours) runs 1 April 13:30 to 2 April 14:30 UTC.
    expect(months('Australia/Adelaide', ['2045-03-31T13:00:00Z', '2045-03-31T13:30:00Z'])).toEqual([
      ['2045-03', '1'],
      ['2045-04', '1'],
    ]);
    expect(
      days('Australia/Adelaide', [
        '2045-04-01T13:29:00Z', // 23:59 on 1 April (+10:30)
        '2045-04-01T13:30:00Z', // 00:00 on 2 April (+10:30)
        '2045-04-02T14:00:00Z', // 23:30 on 2 April (+9:30): the 25th hour of the day
        '2045-04-02T14:30:00Z', // 00:00 on 3 April (+9:30)
      ]),
    ).toEqual([
      ['2045-04-01', '1'],
      ['2045-04-02', '2'],
      ['2045-04-03', '1'],
    ]);
  });

  it('a DST change: America/New_York’s 12 March 2045 has 23 hours', () => {
    // EST (UTC-5) until 12 March 02:00 local, then EDT (UTC-4): the 12th runs 05:00Z to 04:00Z next day.
    expect(
      days('America/New_York', [
        '2045-03-12T04:59:00Z', // 23:59 on 11 March (EST)
        '2045-03-12T05:00:00Z', // 00:00 on 12 March (EST)
        '2045-03-13T03:59:00Z', // 23:59 on 12 March (EDT)
        '2045-03-13T04:00:00Z', // 00:00 on 13 March (EDT)
      ]),
    ).toEqual([
      ['2045-03-11', '1'],
      ['2045-03-12', '2'],
      ['2045-03-13', '1'],
    ]);
  });

  it('each cell in its own customer’s zone', () => {
    const zones: Record<string, string> = { tokyo: 'Asia/Tokyo', la: 'America/Los_Angeles' };
    // 2045-03-31T16:00Z is 1 April 01:00 in Tokyo (UTC+9) and 31 March 09:00 in Los Angeles (PDT).
    const rows = grouped(
      ['customer', 'month'],
      [
        cell({ customerId: 'tokyo', at: new Date('2045-03-31T16:00:00Z') }),
        cell({ customerId: 'la', at: new Date('2045-03-31T16:00:00Z') }),
      ],
      (c) => zones[c.customerId],
    );
    expect(rows.map((r) => [r.month, r.customerId])).toEqual([
      ['2045-03', 'la'],
      ['2045-04', 'tokyo'],
    ]);
  });
});

describe('CostGroups: order', () => {
  it('drains by month, day, customer, room, run, notebook, SKU, trigger, currency, nulls last, and forgets', () => {
    const groups = new CostGroups([...COST_GROUP_KEYS], () => 'UTC');
    const early = new Date('2045-03-01T00:00:00Z');
    const late = new Date('2045-04-01T00:00:00Z');
    const cells = [
      cell({ at: late, customerId: 'a' }),
      cell({ at: early, customerId: 'b', roomId: null, runId: null }),
      cell({ at: early, customerId: 'b', roomId: 'r2' }),
      cell({ at: early, customerId: 'b', roomId: 'r1', runId: null }),
      cell({ at: early, customerId: 'b', roomId: 'r1', runId: 'x', skuName: 'b_sku' }),
      cell({ at: early, customerId: 'b', roomId: 'r1', runId: 'x', skuName: 'B_SKU' }),
      cell({ at: early, customerId: 'b', roomId: 'r1', runId: 'x', skuName: null }),
      cell({
        at: early,
        customerId: 'b',
        roomId: 'r1',
        runId: 'x',
        skuName: 'B_SKU',
        trigger: 'partner',
      }),
      cell({
        at: early,
        customerId: 'b',
        roomId: 'r1',
        runId: 'x',
        skuName: 'B_SKU',
        trigger: 'customer',
      }),
      cell({
        at: early,
        customerId: 'b',
        roomId: 'r1',
        runId: 'x',
        skuName: 'B_SKU',
        currency: 'EUR',
      }),
    ];
    for (const c of cells) groups.add(c);
    const drained = groups.drain();
    expect(
      drained.map((g) =>
        [g.month, g.customerId, g.roomId, g.runId, g.skuName, g.trigger, g.currency].join('|'),
      ),
    ).toEqual([
      // Code-unit order: 'B_SKU' < 'b_sku' (uppercase first); 'customer' < 'partner'.
      '2045-03|b|r1|x|B_SKU|customer|USD',
      '2045-03|b|r1|x|B_SKU|partner|EUR',
      '2045-03|b|r1|x|B_SKU|partner|USD',
      '2045-03|b|r1|x|b_sku|partner|USD',
      '2045-03|b|r1|x||partner|USD',
      '2045-03|b|r1||SKU_A|partner|USD',
      '2045-03|b|r2|run-1|SKU_A|partner|USD',
      '2045-03|b|||SKU_A|partner|USD',
      '2045-04|a|room-1|run-1|SKU_A|partner|USD',
    ]);
    // Three identical cells made one group: 'B_SKU', partner, USD holds 1 + 1 DBU.
    expect(drained[2].partnerDbu.toFixed()).toBe('2');
    expect(groups.drain()).toEqual([]);
  });

  it('compareKeys: field by field in code-unit order, nulls last', () => {
    expect(compareKeys(['a', null], ['a', null])).toBe(0);
    expect(compareKeys(['a', 'z'], ['b', 'a'])).toBeLessThan(0);
    expect(compareKeys(['Z'], ['a'])).toBeLessThan(0);
    expect(compareKeys([null], ['a'])).toBeGreaterThan(0);
    expect(compareKeys(['a'], [null])).toBeLessThan(0);
    expect(compareKeys(['a', null], ['a', 'b'])).toBeGreaterThan(0);
    // Code units, not locale: 'é' (U+00E9) sorts after 'z'.
    expect(compareKeys(['é'], ['z'])).toBeGreaterThan(0);
  });

  it('groupKey lists the fields in GROUP_KEY_FIELDS order, for compareGroups', () => {
    const groups = new CostGroups([...COST_GROUP_KEYS], () => 'UTC');
    groups.add(cell());
    const [group] = groups.drain();
    expect(GROUP_KEY_FIELDS).toEqual([
      'month',
      'day',
      'customerId',
      'roomId',
      'runId',
      'notebookName',
      'skuName',
      'trigger',
      'currency',
    ]);
    expect(groupKey(group)).toEqual([
      '2045-03',
      '2045-03-02',
      'cust-1',
      'room-1',
      'run-1',
      'nb',
      'SKU_A',
      'partner',
      'USD',
    ]);
    expect(compareGroups(group, group)).toBe(0);
  });
});
