import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InvoiceCloseService } from '../../src/modules/invoicing/close/invoice-close.service';
import { ControllableClock } from '../../src/shared/time/clock';
import { priceSampleSku, runEvent, usageRow } from '../support/databricks-fixtures';
import {
  expectedLines,
  loadPricingScenario,
  PRICING_SCENARIOS,
} from '../support/pricing-scenarios';
import { setUpScenario } from '../support/pricing-world';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A whole month per pricing model through the public API with a controllable clock: subscribe
 * and ingest in March, close on 1 April (a draft: the grace for late data runs), finalize when the
 * scheduled close runs after the grace, and compare every line and the total with the hand
 * computation of test/fixtures/pricing.
 */
describe('invoicing a month, per pricing model', () => {
  let t: TestApp;
  const clock = new ControllableClock(new Date('2032-03-01T00:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await priceSampleSku(t);
  });
  afterAll(() => t.close());

  const ingest = (...records: Record<string, unknown>[]) =>
    t.http.post('/v1/usage').set(t.auth()).send({ records }).expect(200);
  const close = (customerId: string, period: string, status = 200) =>
    t.http.post('/v1/invoices/close').set(t.auth()).send({ period, customerId }).expect(status);
  const invoiceOf = async (customerId: string, period: string) => {
    const list = await t.http
      .get('/v1/invoices')
      .query({ customerId, period })
      .set(t.auth())
      .expect(200);
    expect(list.body.data).toHaveLength(1);
    return (await t.http.get(`/v1/invoices/${list.body.data[0].id}`).set(t.auth()).expect(200))
      .body;
  };

  it.each(PRICING_SCENARIOS)(
    '%s: draft at close, finalized after the grace, every line to the cent',
    async (name) => {
      const scenario = loadPricingScenario(name);
      clock.set(new Date('2032-03-01T00:00:00Z'));
      const world = await setUpScenario(t, scenario);

      clock.set(new Date('2032-03-31T23:00:00Z'));
      const early = await close(world.customerId, '2032-03', 409);
      expect(early.body.code).toBe('period_not_ended');

      clock.set(new Date('2032-04-01T06:00:00Z'));
      const closed = await close(world.customerId, '2032-03', 200);
      expect(closed.body.results[0].invoice).toMatchObject({
        status: 'draft',
        number: null,
        total: scenario.expected.total,
      });

      clock.set(new Date('2032-04-04T00:00:00Z'));
      await t.app.get(InvoiceCloseService).closeDue();
      const invoice = await invoiceOf(world.customerId, '2032-03');
      expect(invoice).toMatchObject({
        status: 'finalized',
        number: expect.stringMatching(/^INV-2032-\d{6}$/),
        currency: 'USD',
        period: '2032-03',
        subtotal: scenario.expected.total,
        adjustments: '0.00',
        credits: '0.00',
        total: scenario.expected.total,
        finalizedAt: '2032-04-04T00:00:00.000Z',
        payment: { sync: 'disabled' },
      });
      expect(invoice.lines).toEqual(
        expectedLines(scenario, world.roomIds).map((line) => expect.objectContaining(line)),
      );
      expect(invoice.information).toEqual(
        scenario.expected.information.map((item) => expect.objectContaining(item)),
      );

      // Closing again, by hand or by the job, changes nothing.
      await t.app.get(InvoiceCloseService).closeDue();
      const again = await close(world.customerId, '2032-03', 200);
      expect(again.body.results[0].invoice).toMatchObject({
        id: invoice.id,
        number: invoice.number,
      });
      expect(await invoiceOf(world.customerId, '2032-03')).toEqual(invoice);
    },
  );

  it('exports the lines as CSV and refuses to touch a finalized invoice, in the API and in the database', async () => {
    const scenario = loadPricingScenario('hybrid');
    clock.set(new Date('2032-03-01T00:00:00Z'));
    const world = await setUpScenario(t, scenario);
    clock.set(new Date('2032-04-10T00:00:00Z'));
    await close(world.customerId, '2032-03', 200);
    const invoice = await invoiceOf(world.customerId, '2032-03');

    const csv = await t.http
      .get(`/v1/invoices/${invoice.id}`)
      .set(t.auth())
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split(/\r?\n/);
    expect(rows[0]).toBe(
      'invoiceNumber,invoiceId,period,currency,position,kind,chargeKey,description,basis,model,segmentFrom,segmentTo,quantity,unitPrice,amount,roundedAmount,correctsPeriod',
    );
    expect(rows.slice(1).map((row) => row.split(',').slice(-4, -1).join(' '))).toEqual([
      '1200 1200 1200.00',
      '0.9 67.95 67.95',
      ' 14 14.00',
    ]);

    expect(
      (await t.http.post(`/v1/invoices/${invoice.id}/recompute`).set(t.auth()).expect(409)).body
        .code,
    ).toBe('invoice_not_draft');
    expect(
      (await t.http.post(`/v1/invoices/${invoice.id}/finalize`).set(t.auth()).expect(409)).body
        .code,
    ).toBe('invoice_not_draft');
    const db = t.app.get(DataSource);
    await expect(
      db.query(`UPDATE invoices SET total = total + 1, subtotal = subtotal + 1 WHERE id = $1`, [
        invoice.id,
      ]),
    ).rejects.toThrow(/never change/);
    await expect(
      db.query(`UPDATE invoice_lines SET amount = 0 WHERE invoice_id = $1`, [invoice.id]),
    ).rejects.toThrow(/never change/);
    await expect(
      db.query(`UPDATE invoices SET status = 'draft' WHERE id = $1`, [invoice.id]),
    ).rejects.toThrow(/cannot move from finalized to draft/);
    await expect(db.query(`DELETE FROM invoices WHERE id = $1`, [invoice.id])).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  it('turns late usage into an adjustment and a late retraction into a credit note, never touching the finalized invoice', async () => {
    const scenario = loadPricingScenario('bundled');
    clock.set(new Date('2032-03-01T00:00:00Z'));
    const world = await setUpScenario(t, scenario);
    clock.set(new Date('2032-04-05T00:00:00Z'));
    await close(world.customerId, '2032-03', 200);
    const march = await invoiceOf(world.customerId, '2032-03');
    expect(march).toMatchObject({ status: 'finalized', total: '5027.64' });
    const marchBytes = JSON.stringify(march);

    // The 350 DBU of room a on 12 March are retracted in April: March now has 700.25 DBU, under the cap.
    const original = await t.app
      .get(DataSource)
      .query(
        `SELECT record_id, account_id FROM usage_records WHERE room_id = $1 AND usage_quantity = 350`,
        [world.roomIds.a],
      );
    await ingest(
      usageRow({
        record_id: original[0].record_id,
        record_type: 'RETRACTION',
        account_id: original[0].account_id,
        usage_start_time: '2032-03-12T10:00:00.000Z',
        usage_end_time: '2032-03-12T11:00:00.000Z',
        usage_quantity: '-350',
        usage_metadata: { central_clean_room_id: world.roomIds.a },
      }),
    );

    clock.set(new Date('2032-05-04T00:00:00Z'));
    await t.app.get(InvoiceCloseService).closeDue();
    const april = await invoiceOf(world.customerId, '2032-04');
    // April: the fee, no usage; March's overage (27.64) is credited by a credit note, not a line.
    expect(april).toMatchObject({
      status: 'finalized',
      subtotal: '5000.00',
      adjustments: '0.00',
      credits: '0.00',
      total: '5000.00',
    });
    expect(april.creditNotes).toEqual([
      {
        number: expect.stringMatching(/^CN-2032-\d{6}$/),
        amount: '27.64',
        correctsPeriod: '2032-03',
      },
    ]);
    const notes = await t.http
      .get(`/v1/invoices/${march.id}/credit-notes`)
      .set(t.auth())
      .expect(200);
    expect(notes.body).toEqual([
      expect.objectContaining({ amount: '27.64', correctsPeriod: '2032-03', invoiceId: march.id }),
    ]);

    // Late usage the other way: 349.75 DBU more in March make 1,050 DBU, 50 over the cap again.
    await ingest(
      usageRow({
        record_id: randomUUID(),
        account_id: original[0].account_id,
        usage_start_time: '2032-03-30T10:00:00.000Z',
        usage_end_time: '2032-03-30T11:00:00.000Z',
        usage_quantity: '349.75',
        usage_metadata: { central_clean_room_id: world.roomIds.b },
      }),
    );
    clock.set(new Date('2032-06-04T00:00:00Z'));
    await t.app.get(InvoiceCloseService).closeDue();
    const may = await invoiceOf(world.customerId, '2032-05');
    // March rates to 5000 + 50 x 0.55 = 5027.50 now; billed 5027.64 - 27.64 = 5000.00 so far: +27.50.
    expect(may).toMatchObject({ subtotal: '5000.00', adjustments: '27.50', total: '5027.50' });
    expect(may.lines.at(-1)).toMatchObject({
      kind: 'adjustment',
      correctsPeriod: '2032-03',
      roundedAmount: '27.50',
      description: expect.stringContaining(march.number),
    });

    expect(JSON.stringify(await invoiceOf(world.customerId, '2032-03'))).toBe(marchBytes);
  });

  it('issues a manual credit note, never beyond what the invoice left to credit', async () => {
    const scenario = loadPricingScenario('pass-through');
    clock.set(new Date('2032-03-01T00:00:00Z'));
    const world = await setUpScenario(t, scenario);
    clock.set(new Date('2032-04-10T00:00:00Z'));
    await close(world.customerId, '2032-03', 200);
    const invoice = await invoiceOf(world.customerId, '2032-03');
    const note = await t.http
      .post(`/v1/invoices/${invoice.id}/credit-notes`)
      .set(t.auth())
      .send({ amount: '2500.00', reason: 'Goodwill' })
      .expect(201);
    expect(note.body).toMatchObject({
      number: expect.stringMatching(/^CN-2032-\d{6}$/),
      amount: '2500.00',
    });
    const tooMuch = await t.http
      .post(`/v1/invoices/${invoice.id}/credit-notes`)
      .set(t.auth())
      .send({ amount: '4.33', reason: 'More' })
      .expect(409);
    expect(tooMuch.body.code).toBe('credit_exceeds_invoice');

    // A goodwill credit is not a correction: the next invoice does not bill it back.
    clock.set(new Date('2032-05-04T00:00:00Z'));
    await t.app.get(InvoiceCloseService).closeDue();
    expect(await invoiceOf(world.customerId, '2032-04')).toMatchObject({
      subtotal: '2500.00',
      adjustments: '0.00',
      credits: '0.00',
      total: '2500.00',
    });
  });

  it('breaks a line down to rooms, runs and usage records, each level adding up to the line', async () => {
    const scenario = loadPricingScenario('bundled');
    clock.set(new Date('2032-03-01T00:00:00Z'));
    const world = await setUpScenario(t, scenario);
    // One run in room a covers the hour of its 250 DBU; the 350 DBU hour has no run.
    await t.http
      .post('/v1/clean-room-events')
      .set(t.auth())
      .send({
        events: [
          runEvent(world.roomIds.a, 'STARTED', 'run-1', '2032-03-03T10:05:00.000Z'),
          runEvent(world.roomIds.a, 'COMPLETED', 'run-1', '2032-03-03T10:35:00.000Z'),
        ],
      })
      .expect(200);
    clock.set(new Date('2032-04-10T00:00:00Z'));
    await close(world.customerId, '2032-03', 200);
    const invoice = await invoiceOf(world.customerId, '2032-03');
    const [subscription, overage] = invoice.lines as { id: string }[];
    const breakdown = (lineId: string) =>
      t.http.get(`/v1/invoices/${invoice.id}/lines/${lineId}/breakdown`).set(t.auth()).expect(200);

    expect((await breakdown(subscription.id)).body).toMatchObject({
      amount: '5000.00',
      unattributed: '5000.00',
      rooms: [],
    });

    // 27.64 over 600 : 450.25 DBU -> 15.79 + 11.85; room a's 15.79 over its 250 DBU run and
    // 350 DBU outside runs -> 6.58 + 9.21, and over its two usage hours the same way.
    const body = (await breakdown(overage.id)).body;
    expect(body).toMatchObject({ amount: '27.64', unattributed: '0.00', basis: 'partner_dbu' });
    const roomA = body.rooms.find((room: { roomId: string }) => room.roomId === world.roomIds.a);
    const roomB = body.rooms.find((room: { roomId: string }) => room.roomId === world.roomIds.b);
    expect(roomA).toMatchObject({
      quantity: '600',
      amount: '15.79',
      runs: [{ runId: 'run-1', weight: '250', amount: '6.58', notebookName: 'overlap_report' }],
      outsideRuns: { weight: '350', amount: '9.21' },
      usage: [
        {
          start: '2032-03-03T10:00:00.000Z',
          weight: '250',
          amount: '6.58',
          records: [expect.objectContaining({ recordType: 'ORIGINAL', dbu: '250' })],
        },
        { start: '2032-03-12T10:00:00.000Z', weight: '350', amount: '9.21' },
      ],
    });
    expect(roomB).toMatchObject({
      quantity: '450.25',
      amount: '11.85',
      runs: [],
      outsideRuns: { amount: '11.85' },
    });
    await t.http
      .get(`/v1/invoices/${invoice.id}/lines/${randomUUID()}/breakdown`)
      .set(t.auth())
      .expect(404);
  });
});
