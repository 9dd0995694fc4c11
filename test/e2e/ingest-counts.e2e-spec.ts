import { randomUUID } from 'node:crypto';
import { importCsv, priceSampleSku, SAMPLE_SKU, usageRow } from '../support/databricks-fixtures';
import { createCustomer, createRoom, registerIdentity } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const OUTCOMES = [
  'accepted',
  'updated',
  'duplicates',
  'conflicts',
  'quarantined',
  'excluded',
  'rejected',
] as const;

const sumOfOutcomes = (summary: Record<string, unknown>) =>
  OUTCOMES.reduce((sum, outcome) => sum + (summary[outcome] as number), 0);

const CSV_HEADER =
  'record_id,record_type,account_id,sku_name,cloud,usage_start_time,usage_end_time,usage_unit,usage_quantity,usage_metadata.central_clean_room_id,billing_origin_product';

/**
 * Every record received is counted once, under exactly one outcome: a quarantined or excluded
 * record is stored, but counted there, not as accepted too.
 */
describe('ingest counts: a partition of what was received', () => {
  let t: TestApp;
  let account: string;
  let roomId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await priceSampleSku(t);
    account = randomUUID();
    const customer = await createCustomer(t);
    roomId = (await createRoom(t, customer.id, { ownerSince: '2025-01-01T00:00:00.000Z' })).id;
    await registerIdentity(t, { kind: 'account', value: account, party: 'partner' });
  });
  afterAll(() => t.close());

  const row = (overrides: Record<string, unknown> = {}) =>
    usageRow({
      record_id: randomUUID(),
      account_id: account,
      usage_metadata: { central_clean_room_id: roomId },
      ...overrides,
    });

  it('counts each row of a mixed JSON request once, and the counts add up to received', async () => {
    const known = row({ usage_quantity: '1' });
    const changed = row({ usage_quantity: '1' });
    await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({ records: [known, changed] })
      .expect(200);

    const fresh = row();
    const records = [
      fresh, // 0 accepted
      fresh, // 1 duplicate: sent twice in this request
      known, // 2 duplicate: stored before, same content
      { ...changed, usage_quantity: '7' }, // 3 conflict: stored before, other content
      row({ usage_metadata: { central_clean_room_id: randomUUID() } }), // 4 quarantined: unknown room
      row({ usage_metadata: {}, billing_origin_product: 'JOBS' }), // 5 excluded: not clean-room usage
      row({ usage_quantity: 'lots' }), // 6 rejected
      row(), // 7 accepted
    ];
    const answer = await t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);

    expect(answer.body).toMatchObject({
      received: 8,
      accepted: 2,
      updated: 0,
      duplicates: 2,
      conflicts: 1,
      quarantined: 1,
      excluded: 1,
      rejected: 1,
    });
    expect(sumOfOutcomes(answer.body)).toBe(8);
    // The excluded row is no problem, so it is not listed; every other row not accepted is.
    expect(
      (answer.body.problems as { index: number; outcome: string }[]).map(
        (p) => `${p.index}:${p.outcome}`,
      ),
    ).toEqual(['1:duplicate', '2:duplicate', '3:conflict', '4:quarantined', '6:rejected']);
  });

  it('counts an updated price apart from the accepted ones', async () => {
    const sku = `${SAMPLE_SKU}_COUNTS_${randomUUID().slice(0, 8)}`;
    const price = (start: string, end: string | null = null) => ({
      price_start_time: start,
      price_end_time: end,
      sku_name: sku,
      cloud: 'AWS',
      currency_code: 'USD',
      'pricing.default': '0.4',
    });
    await t.http
      .post('/v1/prices')
      .set(t.auth())
      .send({ prices: [price('2025-01-01T00:00:00Z')] })
      .expect(200);

    const answer = await t.http
      .post('/v1/prices')
      .set(t.auth())
      .send({
        prices: [
          price('2025-01-01T00:00:00Z', '2025-07-01T00:00:00Z'), // updated: the open price closed
          price('2025-07-01T00:00:00Z'), // accepted
          price('2025-07-01T00:00:00Z'), // duplicate
          { ...price('2025-08-01T00:00:00Z'), currency_code: 'DOLLARS' }, // rejected
        ],
      })
      .expect(200);
    expect(answer.body).toMatchObject({
      received: 4,
      accepted: 1,
      updated: 1,
      duplicates: 1,
      conflicts: 0,
      quarantined: 0,
      excluded: 0,
      rejected: 1,
    });
    expect(sumOfOutcomes(answer.body)).toBe(4);
  });

  it('counts each data record of a mixed CSV import once, and the counts add up to them', async () => {
    const line = (quantity: string, room: string, product = 'CLEAN_ROOM', id = randomUUID()) =>
      `${id},ORIGINAL,${account},${SAMPLE_SKU},AWS,2025-06-04T10:00:00.000Z,2025-06-04T11:00:00.000Z,DBU,${quantity},${room},${product}`;
    const repeated = line('0.5', roomId);
    const csv = [
      CSV_HEADER, // line 1
      line('0.5', roomId), // 2 accepted
      repeated, // 3 accepted
      repeated, // 4 duplicate
      line('0.5', randomUUID()), // 5 quarantined: unknown room
      line('0.5', '', 'JOBS'), // 6 excluded
      line('-', roomId), // 7 rejected: not a quantity
      'only,three,fields', // 8 rejected: malformed
      '', // 9 empty: not a record
      line('0.25', roomId), // 10 accepted
    ].join('\n');

    const imported = await importCsv(t, '/v1/usage/imports', `${csv}\n`).expect(201);

    expect(imported.body).toMatchObject({
      status: 'completed',
      lines: 10,
      accepted: 3,
      updated: 0,
      duplicates: 1,
      conflicts: 0,
      quarantined: 1,
      excluded: 1,
      rejected: 2,
    });
    // Ten lines: the header and the empty line aside, eight data records.
    expect(sumOfOutcomes(imported.body)).toBe(8);
  });
});
