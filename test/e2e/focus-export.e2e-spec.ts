import Papa from 'papaparse';
import {
  FOCUS_COLUMNS,
  FOCUS_CUSTOM_COLUMNS,
  FOCUS_EXPORT_HEADER,
  type FocusColumn,
} from '../../src/modules/reports/focus/focus-columns';
import { D, formatDecimal } from '../../src/shared/money/decimal';
import { ControllableClock } from '../../src/shared/time/clock';
import { SAMPLE_SKU } from '../support/databricks-fixtures';
import { createKey } from '../support/factories';
import { buildFocusWorld, type FocusWorld, type InvoiceBody } from '../support/focus-world';
import { startTestApp, TestApp } from '../support/test-app';

/** The FOCUS 1.2 columns the export fills, in the spec's (alphabetical) order, written out by hand. */
const FOCUS_NAMES = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceDetails',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
];
const CUSTOM_NAMES = ['x_InvoiceLineId', 'x_Trigger', 'x_CorrectsPeriod', 'x_CorrectsInvoiceId'];

/** FOCUS 1.2 allowed values (column pages), by hand. */
const ALLOWED: Record<string, readonly (string | null)[]> = {
  ChargeCategory: ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'],
  ChargeClass: ['Correction', null],
  ChargeFrequency: ['One-Time', 'Recurring', 'Usage-Based'],
  ServiceCategory: ['Analytics'],
  // Allowed subcategories of Analytics.
  ServiceSubcategory: [
    'Analytics Platforms',
    'Business Intelligence',
    'Data Processing',
    'Search',
    'Streaming Analytics',
    'Other (Analytics)',
  ],
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const CENTS = /^-?\d+\.\d{2}$/;
const SKU = SAMPLE_SKU;

type Row = Record<string, string | null>;

/** The rows of a FOCUS CSV: empty fields are null. */
function parse(text: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...lines] = parsed.data;
  const rows = lines.map((line) =>
    Object.fromEntries(header.map((name, i) => [name, line[i] === '' ? null : line[i]])),
  );
  return { header, rows };
}

/** Σ of a decimal column, exact, as a plain decimal string at `scale` decimals. */
function sum(rows: readonly Row[], column = 'BilledCost', scale = 2): string {
  const total = rows.reduce((acc, row) => acc.plus(row[column] ?? 0), new D(0));
  return formatDecimal(total, scale);
}

describe('GET /v1/reports/focus: a billing period as FOCUS 1.2 rows', () => {
  let t: TestApp;
  let world: FocusWorld;
  const clock = new ControllableClock(new Date('2046-03-01T00:00:00Z'));
  const files: Record<'march' | 'april' | 'may' | 'capped', { text: string; rows: Row[] }> =
    {} as never;

  const focus = (query: Record<string, string>, key?: string) =>
    t.http.get('/v1/reports/focus').query(query).set(t.auth(key));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    world = await buildFocusWorld(t, clock);
    const read = async (period: string, customerId: string) => {
      const response = await focus({ period, customerId }).expect(200);
      return { text: response.text, rows: parse(response.text).rows };
    };
    files.march = await read('2046-03', world.main.id);
    files.april = await read('2046-04', world.main.id);
    files.may = await read('2046-05', world.main.id);
    files.capped = await read('2046-03', world.capped.id);
  });
  afterAll(() => t.close());

  const allRows = () => Object.values(files).flatMap((file) => file.rows);

  it('heads the file with the spec’s columns it fills, in spec order, then the x_ columns', async () => {
    const filled = FOCUS_COLUMNS.filter((column) => column.fill !== 'omitted').map((c) => c.name);
    expect(filled).toEqual(FOCUS_NAMES);
    expect(FOCUS_CUSTOM_COLUMNS.map((column) => column.name)).toEqual(CUSTOM_NAMES);
    expect(FOCUS_EXPORT_HEADER).toEqual([...FOCUS_NAMES, ...CUSTOM_NAMES]);
    expect(FOCUS_NAMES).toHaveLength(36);

    const response = await focus({ period: '2046-03', customerId: world.main.id }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="focus-2046-03-${world.main.id}.csv"`,
    );
    expect(response.text.split('\r\n')[0]).toBe([...FOCUS_NAMES, ...CUSTOM_NAMES].join(','));
    expect(parse(response.text).header).toEqual([...FOCUS_NAMES, ...CUSTOM_NAMES]);
  });

  it('types every value as the spec says: UTC date/times, plain decimals, JSON, allowed values', () => {
    const rows = allRows();
    expect(rows.length).toBeGreaterThan(15);
    const problems: string[] = [];
    rows.forEach((row, i) => {
      for (const column of FOCUS_COLUMNS as readonly FocusColumn[]) {
        if (column.fill === 'omitted') continue;
        const value = row[column.name];
        const where = `row ${i} ${column.name}=${JSON.stringify(value)}`;
        if (value === null) {
          if (column.fill === 'every-row') problems.push(`${where}: null`);
          continue;
        }
        if (value.trim() !== value || value === '') problems.push(`${where}: blank`);
        if (column.type === 'datetime' && !DATE_TIME.test(value)) problems.push(where);
        if (column.type === 'decimal' && !DECIMAL.test(value)) problems.push(where);
        if (column.format === 'currency' && !/^[A-Z]{3}$/.test(value)) problems.push(where);
        if (column.format === 'key-value') {
          const object = JSON.parse(value) as Record<string, unknown>;
          const scalar = Object.values(object).every((v) => v === null || typeof v !== 'object');
          if (Array.isArray(object) || !scalar || Object.keys(object).length === 0)
            problems.push(where);
        }
      }
      for (const [name, allowed] of Object.entries(ALLOWED)) {
        if (!allowed.includes(row[name])) problems.push(`row ${i} ${name}=${row[name]}`);
      }
      for (const cost of ['BilledCost', 'EffectiveCost', 'ContractedCost']) {
        if (!CENTS.test(row[cost] ?? '')) problems.push(`row ${i} ${cost} not in cents`);
      }
      // EffectiveCost = ContractedCost = BilledCost on every row; ListCost too off Databricks rows.
      if (row.EffectiveCost !== row.BilledCost || row.ContractedCost !== row.BilledCost)
        problems.push(`row ${i}: costs differ`);
      if (row.PublisherName !== 'Databricks' && row.ListCost !== row.BilledCost)
        problems.push(`row ${i}: ListCost of a partner row`);
      // FOCUS: ConsumedQuantity only on Usage rows; a unit exactly where a quantity is.
      if ((row.ConsumedQuantity !== null) !== (row.ChargeCategory === 'Usage'))
        problems.push(`row ${i}: ConsumedQuantity on ${row.ChargeCategory}`);
      if ((row.ConsumedUnit === null) !== (row.ConsumedQuantity === null))
        problems.push(`row ${i}: ConsumedUnit`);
      if ((row.PricingUnit === null) !== (row.PricingQuantity === null))
        problems.push(`row ${i}: PricingUnit`);
    });
    expect(problems).toEqual([]);
  });

  it('adds up, per invoice and credit note, to the document, and per line to the line', () => {
    const documents: [string, InvoiceBody, Row[]][] = [
      ['march', world.invoices.march, files.march.rows],
      ['april', world.invoices.april, files.april.rows],
      ['may', world.invoices.may, files.may.rows],
      ['capped', world.invoices.capped, files.capped.rows],
    ];
    // By hand (focus-world.ts): March 100 + 2 × 20 + 4.00 + 3.00 + 10.00 = 157.00; April 100 +
    // the March correction 5.00 = 105.00; May 100.00; capped 50 + 2 DBU × 0.60 = 51.20.
    expect(documents.map(([, invoice]) => invoice.total)).toEqual([
      '157.00',
      '105.00',
      '100.00',
      '51.20',
    ]);
    for (const [name, invoice, rows] of documents) {
      const ofInvoice = rows.filter((row) => row.InvoiceId === invoice.number);
      expect([name, sum(ofInvoice)]).toEqual([name, invoice.total]);
      for (const line of invoice.lines) {
        const ofLine = rows.filter((row) => row.x_InvoiceLineId === line.id);
        expect([line.chargeKey, sum(ofLine)]).toEqual([line.chargeKey, line.roundedAmount]);
      }
      // Every row of an invoice comes from one of its lines.
      const ids = new Set(invoice.lines.map((line) => line.id));
      expect(ofInvoice.every((row) => ids.has(row.x_InvoiceLineId ?? ''))).toBe(true);
    }
    // Credit notes: one row each, −amount. The goodwill (12.50) was issued in April, the
    // automatic one (5.00: the late usage retracted) with the May invoice.
    const notes = (rows: Row[]) =>
      rows
        .filter((row) => row.InvoiceId?.startsWith('CN-'))
        .map((row) => [row.InvoiceId, row.BilledCost]);
    expect(notes(files.march.rows)).toEqual([]);
    expect(notes(files.april.rows)).toEqual([[world.goodwill.number, '-12.50']]);
    expect(world.invoices.may.creditNotes).toEqual([
      { number: expect.stringMatching(/^CN-2046-/), amount: '5.00', correctsPeriod: '2046-03' },
    ]);
    expect(notes(files.may.rows)).toEqual([[world.invoices.may.creditNotes[0].number, '-5.00']]);
    // The DBU-priced line prices every DBU under it: 8 + 7 + 3 = 18, its quantity.
    const usageLine = world.invoices.march.lines.find((l) => l.chargeKey === 'managed_runs');
    expect(usageLine?.quantity).toBe('18');
    const priced = files.march.rows.filter((row) => row.x_InvoiceLineId === usageLine?.id);
    expect(sum(priced, 'PricingQuantity', 0)).toBe('18');
  });

  it('writes March as computed by hand: fees per room, usage per run and hour, a row per run', () => {
    const { a, b } = world.main.rooms;
    const { r1, r2, r3, r4 } = world.runs;
    const run = (room: string, id: string) => `${room}/runs/${id}`;
    const march = ['2046-03-01T00:00:00Z', '2046-04-01T00:00:00Z'];
    const hour = (start: string) => [
      `2046-03-${start}:00:00Z`,
      new Date(new Date(`2046-03-${start}:00:00Z`).getTime() + 3_600_000)
        .toISOString()
        .replace('.000Z', 'Z'),
    ];
    const partner = 'Clean Room Partner';
    const pick = (row: Row) => [
      row.SkuId,
      row.SubAccountId,
      row.ResourceId,
      row.ChargePeriodStart,
      row.ChargePeriodEnd,
      row.BilledCost,
      row.ConsumedQuantity,
      row.PricingQuantity,
      row.PricingUnit,
      row.ListCost,
      row.ChargeCategory,
      row.ChargeFrequency,
      row.PublisherName,
    ];
    // See the hand computation in the test above and in focus-world.ts. Rooms come in byte order,
    // each by line position (room_fee, managed_runs, ip_royalty, run_fee), hour, run; the
    // customer's period fee last. ListCost of Databricks rows: DBU × 0.35 (4 → 1.4, 7 → 2.45,
    // 3 → 1.05); the customer's royalty is the partner's own: ListCost = BilledCost.
    const roomA = [
      [
        'room_fee',
        a,
        null,
        ...march,
        '20.00',
        null,
        '1',
        'Rooms',
        '20.00',
        'Purchase',
        'Recurring',
        partner,
      ],
      [
        `managed_runs/${SKU}`,
        a,
        run(a, r1),
        ...hour('02T10'),
        '0.89',
        '4',
        '4',
        'DBU',
        '1.4',
        'Usage',
        'Usage-Based',
        'Databricks',
      ],
      [
        `managed_runs/${SKU}`,
        a,
        run(a, r2),
        ...hour('02T10'),
        '0.89',
        '4',
        '4',
        'DBU',
        '1.4',
        'Usage',
        'Usage-Based',
        'Databricks',
      ],
      [
        `managed_runs/${SKU}`,
        a,
        null,
        ...hour('05T08'),
        '1.55',
        '7',
        '7',
        'DBU',
        '2.45',
        'Usage',
        'Usage-Based',
        'Databricks',
      ],
      [
        `ip_royalty/${SKU}`,
        a,
        run(a, r4),
        ...hour('03T12'),
        '3.00',
        '30',
        '30',
        'DBU',
        '3.00',
        'Usage',
        'Usage-Based',
        partner,
      ],
      // r2 started at 10:30: its row is the hour it started in.
      [
        'run_fee',
        a,
        run(a, r1),
        ...hour('02T10'),
        '3.34',
        '1',
        '1',
        'Runs',
        '3.34',
        'Usage',
        'Usage-Based',
        partner,
      ],
      [
        'run_fee',
        a,
        run(a, r2),
        ...hour('02T10'),
        '3.33',
        '1',
        '1',
        'Runs',
        '3.33',
        'Usage',
        'Usage-Based',
        partner,
      ],
    ];
    const roomB = [
      [
        'room_fee',
        b,
        null,
        ...march,
        '20.00',
        null,
        '1',
        'Rooms',
        '20.00',
        'Purchase',
        'Recurring',
        partner,
      ],
      [
        `managed_runs/${SKU}`,
        b,
        run(b, r3),
        ...hour('10T09'),
        '0.67',
        '3',
        '3',
        'DBU',
        '1.05',
        'Usage',
        'Usage-Based',
        'Databricks',
      ],
      [
        'run_fee',
        b,
        run(b, r3),
        ...hour('10T09'),
        '3.33',
        '1',
        '1',
        'Runs',
        '3.33',
        'Usage',
        'Usage-Based',
        partner,
      ],
    ];
    const fee = [
      'subscription',
      null,
      null,
      ...march,
      '100.00',
      null,
      '1',
      'Subscriptions',
      '100.00',
      'Purchase',
      'Recurring',
      partner,
    ];
    const rooms =
      Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0
        ? [...roomA, ...roomB]
        : [...roomB, ...roomA];
    expect(files.march.rows.map(pick)).toEqual([...rooms, fee]);

    const r1Usage = files.march.rows.find((row) => row.ResourceId === run(a, r1));
    expect(r1Usage).toMatchObject({
      BillingAccountId: world.main.id,
      BillingAccountName: world.main.name,
      BillingCurrency: 'USD',
      BillingPeriodStart: '2046-03-01T00:00:00Z',
      BillingPeriodEnd: '2046-04-01T00:00:00Z',
      ChargeClass: null,
      ConsumedUnit: 'DBU',
      InvoiceId: world.invoices.march.number,
      InvoiceIssuerName: 'Clean Room Partner',
      ProviderName: 'Clean Room Partner',
      ResourceName: 'overlap_report',
      ResourceType: 'Clean Room Notebook Run',
      ServiceCategory: 'Analytics',
      ServiceName: 'Databricks Clean Rooms',
      ServiceSubcategory: 'Data Processing',
      SkuMeter: 'Partner-Triggered DBU',
      SkuPriceDetails: '{"ChargeBasis":"partner_dbu","PricingModel":"per_unit"}',
      SkuPriceId: `${world.planVersions.main}/managed_runs/${SKU}`,
      SubAccountName: expect.stringMatching(/^room-/),
      Tags: '{"cleanroom/trigger":"partner","cleanroom/notebook":"overlap_report","cleanroom/notebookEtag":"etag-v7"}',
      x_Trigger: 'partner',
      x_CorrectsPeriod: null,
      x_CorrectsInvoiceId: null,
    });
    const royalty = files.march.rows.find((row) => row.ResourceId === run(a, r4));
    expect(royalty).toMatchObject({
      ServiceName: 'Clean Room Collaboration',
      ServiceSubcategory: 'Other (Analytics)',
      SkuMeter: 'Customer-Triggered DBU',
      // r4 was started without a notebook etag.
      Tags: '{"cleanroom/trigger":"customer","cleanroom/notebook":"overlap_report"}',
      x_Trigger: 'customer',
    });
    const subscription = files.march.rows.at(-1);
    expect(subscription).toMatchObject({
      SubAccountId: null,
      Tags: null,
      x_Trigger: null,
      ConsumedUnit: null,
    });
  });

  it('splits the usage line over rooms and runs as the line breakdown does', async () => {
    const invoice = world.invoices.march;
    const line = invoice.lines.find((candidate) => candidate.chargeKey === 'managed_runs');
    const breakdown = (
      await t.http
        .get(`/v1/invoices/${invoice.id}/lines/${line?.id}/breakdown`)
        .set(t.auth())
        .expect(200)
    ).body as {
      rooms: {
        roomId: string;
        amount: string;
        runs: { runId: string; amount: string }[];
        outsideRuns: { amount: string };
      }[];
    };
    const rows = files.march.rows.filter((row) => row.x_InvoiceLineId === line?.id);
    for (const room of breakdown.rooms) {
      const ofRoom = rows.filter((row) => row.SubAccountId === room.roomId);
      expect(sum(ofRoom)).toBe(room.amount);
      for (const run of room.runs) {
        const ofRun = ofRoom.filter((row) => row.ResourceId === `${room.roomId}/runs/${run.runId}`);
        expect([run.runId, sum(ofRun)]).toEqual([run.runId, run.amount]);
      }
      const outside = ofRoom.filter((row) => row.ResourceId === null);
      expect(sum(outside)).toBe(room.outsideRuns.amount);
    }
    // By hand: a 3.33 = r1 0.89 + r2 0.89 + outside 1.55; b 0.67, all r3.
    expect(breakdown.rooms.map((room) => room.amount).sort()).toEqual(['0.67', '3.33']);
  });

  it('marks corrections, and only them: April’s adjustment line and both credit notes', () => {
    const corrections = allRows().filter((row) => row.ChargeClass === 'Correction');
    expect(
      allRows().every(
        (row) =>
          (row.ChargeClass === 'Correction') ===
          (row.ChargeCategory === 'Adjustment' || row.ChargeCategory === 'Credit'),
      ),
    ).toBe(true);
    const march = world.invoices.march.number;
    const adjustment = world.invoices.april.lines.find((line) => line.kind === 'adjustment');
    const pick = (row: Row) => [
      row.InvoiceId,
      row.ChargeCategory,
      row.ChargeFrequency,
      row.BilledCost,
      row.ChargePeriodStart,
      row.ChargePeriodEnd,
      row.x_InvoiceLineId,
      row.x_CorrectsPeriod,
      row.x_CorrectsInvoiceId,
      row.SkuId,
      row.PricingQuantity,
      row.SubAccountId,
    ];
    const corrected = ['2046-03-01T00:00:00Z', '2046-04-01T00:00:00Z'];
    expect(corrections.map(pick)).toEqual([
      // April: March rated again with the late 10 DBU: (28 − 10) × 0.50 = 9.00 against 4.00.
      [
        world.invoices.april.number,
        'Adjustment',
        'One-Time',
        '5.00',
        ...corrected,
        adjustment?.id,
        '2046-03',
        march,
        null,
        null,
        null,
      ],
      // The goodwill credit on March's invoice, issued in April.
      [
        world.goodwill.number,
        'Credit',
        'One-Time',
        '-12.50',
        ...corrected,
        null,
        '2046-03',
        march,
        null,
        null,
        null,
      ],
      // Issued with May's invoice: the late usage retracted, March over-billed by 5.00.
      [
        world.invoices.may.creditNotes[0].number,
        'Adjustment',
        'One-Time',
        '-5.00',
        ...corrected,
        null,
        '2046-03',
        march,
        null,
        null,
        null,
      ],
    ]);
    const goodwill = files.april.rows.find((row) => row.InvoiceId === world.goodwill.number);
    expect(goodwill?.ChargeDescription).toBe(world.goodwill.reason);
    expect(files.april.text).toContain('"Goodwill: the outage of 12 March, ""sorry"""');
    // Each file is its own billing period, whatever period its corrections correct.
    expect(new Set(files.april.rows.map((row) => row.BillingPeriodStart))).toEqual(
      new Set(['2046-04-01T00:00:00Z']),
    );
  });

  it('prices DBU beyond the cap at the customer’s own overage price, Databricks list beside it', () => {
    const usage = files.capped.rows.filter((row) => row.ChargeCategory === 'Usage');
    const sku = `exposure_overage/${SKU}`;
    // 12 DBU against a cap of 10: 2 × 0.60 = 1.20, over 5 : 7 DBU = 0.50 + 0.70. Each row prices
    // its share of the 2 DBU excess: 5 × 2/12 = 0.8333… and 7 × 2/12 = 1.1666… at 18 decimals
    // (half up), and lists it at 0.35: 1.75 × 2/12 = 0.291666…67, 2.45 × 2/12 = 0.408333…33.
    expect(
      usage.map((row) => [
        row.SkuId,
        row.ChargePeriodStart,
        row.BilledCost,
        row.ConsumedQuantity,
        row.PricingQuantity,
        row.ListCost,
      ]),
    ).toEqual([
      [sku, '2046-03-06T10:00:00Z', '0.50', '5', '0.833333333333333333', '0.291666666666666667'],
      [sku, '2046-03-07T10:00:00Z', '0.70', '7', '1.166666666666666667', '0.408333333333333333'],
    ]);
    // The overage price is the subscription's own (an override): its id ends the SkuPriceId.
    expect(usage[0]).toMatchObject({
      PublisherName: 'Databricks',
      SkuMeter: 'DBU Beyond Exposure Cap',
      SubAccountId: world.capped.room,
      SkuPriceId: `${world.planVersions.capped}/${sku}/${world.capped.subscriptionId}`,
    });
    expect(files.capped.rows.find((row) => row.SkuId === 'subscription')?.SkuPriceId).toBe(
      `${world.planVersions.capped}/subscription`,
    );
  });

  it('exports issued documents only: 404 period_not_invoiced for a draft period, or none', async () => {
    // June was closed within its grace: a draft. August has nothing.
    for (const period of ['2046-06', '2046-08']) {
      const response = await focus({ period, customerId: world.main.id }).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, code: 'period_not_invoiced' });
    }
    expect((await focus({ period: '2046-13' }).expect(400)).body.code).toBe('validation_failed');
  });

  it('lets finance and partner keys read any customer, a customer key its own only', async () => {
    const keys = {
      finance: await createKey(t, ['finance']),
      partner: await createKey(t, ['partner']),
      ingest: await createKey(t, ['ingest']),
      main: await createKey(t, ['customer'], world.main.id),
    };
    await focus({ period: '2046-03' }, keys.ingest).expect(403);
    // Without customerId, every customer with documents in the period, one after the other.
    const everyone = parse(
      (await focus({ period: '2046-03' }, keys.partner).expect(200)).text,
    ).rows;
    const mine = everyone.filter((row) =>
      [world.main.id, world.capped.id].includes(row.BillingAccountId ?? ''),
    );
    const byId = { [world.main.id]: files.march.rows, [world.capped.id]: files.capped.rows };
    const [first, second] = [world.main.id, world.capped.id].sort();
    expect(mine).toEqual([...byId[first], ...byId[second]]);
    expect(
      (await focus({ period: '2046-03', customerId: world.main.id }, keys.finance).expect(200))
        .text,
    ).toBe(files.march.text);

    // A customer key reads its own file, the very bytes a partner reads (no column is the
    // partner's business), and another customer's period as if it did not exist.
    expect((await focus({ period: '2046-03' }, keys.main).expect(200)).text).toBe(files.march.text);
    const other = await focus({ period: '2046-03', customerId: world.capped.id }, keys.main).expect(
      404,
    );
    expect(other.body.code).toBe('not_found');
  });
});
