import { ControllableClock } from '../../src/shared/time/clock';
import { runEvent } from '../support/databricks-fixtures';
import { createRoom, uniqueTag } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { buildTenantWorld, TenantWorld } from '../support/tenant-world';

/**
 * What a customer key sees of a room handed over mid-month, and of the partner's figures (the
 * findings of the trust issue, each checked against the partner's view of the same data).
 * Figures by hand: list price 0.35 USD/DBU, partner discount 20 %. Customer a: room a 100 DBU on
 * the 2nd, the shared room 40 DBU on the 3rd (a's run); b: the shared room 60 DBU on the 20th
 * (b's run, after the handover on the 15th) and room b 30 DBU.
 */
describe('tenant isolation', () => {
  let t: TestApp;
  let world: TenantWorld;
  const clock = new ControllableClock(new Date('2041-03-01T00:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    world = await buildTenantWorld(t, clock, 2041);
  });
  afterAll(() => t.close());

  const get = (path: string, key?: string, status = 200) =>
    t.http.get(path).set(t.auth(key)).expect(status);

  describe('an invoice line breakdown after a room handover', () => {
    const breakdownPath = () =>
      `/v1/invoices/${world.a.invoiceId}/lines/${world.a.usageLineId}/breakdown`;

    it("lists only the runs a's customer started in the shared room, to a's key and the partner's", async () => {
      for (const key of [world.a.key, undefined]) {
        const body = (await get(breakdownPath(), key)).body;
        // 140 partner DBU x 0.5 = 70.00: room a 100 DBU -> 50.00, the shared room 40 DBU -> 20.00.
        expect(body).toMatchObject({ amount: '70.00', basis: 'partner_dbu' });
        const shared = body.rooms.find(
          (room: { roomId: string }) => room.roomId === world.sharedRoomId,
        );
        expect(shared).toMatchObject({
          quantity: '40',
          amount: '20.00',
          runs: [{ runId: world.a.runId, initiator: world.a.initiator, weight: '40' }],
          outsideRuns: { weight: '0' },
        });
        const text = JSON.stringify(body);
        expect(text).not.toContain(world.b.runId);
        expect(text).not.toContain(world.b.initiator);
      }
    });

    it('gives a customer key list cost per record but never partner cost', async () => {
      const records = (body: {
        rooms: { roomId: string; usage: { records: Record<string, string>[] }[] }[];
      }) => body.rooms.find((room) => room.roomId === world.a.roomId)?.usage[0].records[0];

      // 100 DBU x 0.35 = 35 list; x 0.8 = 28 partner cost.
      expect(records((await get(breakdownPath())).body)).toMatchObject({
        dbu: '100',
        listCost: '35',
        partnerCost: '28',
      });
      const customers = records((await get(breakdownPath(), world.a.key)).body);
      expect(customers).toMatchObject({ dbu: '100', listCost: '35' });
      expect(Object.keys(customers ?? {})).not.toContain('partnerCost');
    });
  });

  describe("the partner's figures", () => {
    it('are absent from budgets answered to a customer key, present for the partner', async () => {
      for (const path of [
        `/v1/customers/${world.a.customerId}/budget`,
        `/v1/rooms/${world.a.roomId}/budget`,
      ]) {
        const partner = (await get(path)).body;
        expect(partner).toMatchObject({ capped: true, measure: 'cost', cap: '5' });
        expect(partner.exposure).toHaveProperty('partnerCost');
        expect(partner).toHaveProperty('used');

        const customer = (await get(path, world.a.key)).body;
        expect(customer).toMatchObject({ capped: true, measure: 'cost', status: 'ok' });
        expect(Object.keys(customer.exposure)).toEqual(['partnerDbu']);
        for (const field of ['cap', 'used', 'remaining', 'percent']) {
          expect(customer).not.toHaveProperty(field);
        }
      }
    });

    it('are absent from an invoice answered to a customer key: cost caps and absorbed compute', async () => {
      // Partner cost 140 DBU x 0.35 x 0.8 = 39.2 against a cap of 5: 34.2 absorbed.
      const partner = (await get(`/v1/invoices/${world.a.invoiceId}`)).body;
      expect(partner.caps).toEqual([
        expect.objectContaining({ measure: 'cost', cap: '5', used: '39.2', excess: '34.2' }),
      ]);
      expect(partner.information).toContainEqual(
        expect.objectContaining({ kind: 'absorbed_compute', cost: '34.2' }),
      );

      const customer = (await get(`/v1/invoices/${world.a.invoiceId}`, world.a.key)).body;
      expect(customer.total).toBe(partner.total);
      expect(customer.caps).toHaveLength(1);
      expect(Object.keys(customer.caps[0]).sort()).toEqual(
        ['excessDbu', 'measure', 'policy', 'segment', 'status', 'thresholdsReached'].sort(),
      );
      const absorbed = customer.information.find(
        (line: { kind: string }) => line.kind === 'absorbed_compute',
      );
      expect(absorbed).toMatchObject({ dbu: expect.any(String) });
      expect(absorbed).not.toHaveProperty('cost');
    });
  });

  describe("a room's ownership", () => {
    it('shows the new owner only its own span, never who owned the room before', async () => {
      const owners = (await get(`/v1/rooms/${world.sharedRoomId}/owners`, world.b.key)).body;
      expect(owners).toEqual([
        {
          customerId: world.b.customerId,
          effectiveFrom: '2041-03-15T00:00:00.000Z',
          effectiveTo: null,
        },
      ]);
      const before = await get(
        `/v1/rooms/${world.sharedRoomId}/owner?at=2041-03-10T00:00:00Z`,
        world.b.key,
        404,
      );
      expect(JSON.stringify(before.body)).not.toContain(world.a.customerId);
      expect(
        (await get(`/v1/rooms/${world.sharedRoomId}/owner?at=2041-03-20T00:00:00Z`, world.b.key))
          .body,
      ).toMatchObject({ customerId: world.b.customerId });
    });

    it("hides a room's last run from its new owner when the previous owner ran it", async () => {
      const room = await createRoom(t, world.a.customerId, { ownerSince: '2041-01-01T00:00:00Z' });
      const runId = uniqueTag('run');
      const events = [
        runEvent(room.id, 'STARTED', runId, '2041-03-05T10:00:00Z'),
        runEvent(room.id, 'COMPLETED', runId, '2041-03-05T10:30:00Z'),
      ];
      await t.http.post('/v1/clean-room-events').set(t.auth()).send({ events }).expect(200);
      await t.http
        .post(`/v1/rooms/${room.id}/owners`)
        .set(t.auth())
        .send({ customerId: world.b.customerId, effectiveFrom: '2041-03-10T00:00:00Z' })
        .expect(201);

      const partner = (await get(`/v1/rooms/${room.id}`)).body;
      expect(partner.lastRunAt).toBe('2041-03-05T10:00:00.000Z');
      const customer = (await get(`/v1/rooms/${room.id}`, world.b.key)).body;
      expect(customer).toMatchObject({
        id: room.id,
        customerId: world.b.customerId,
        lastRunAt: null,
      });
      const listed = (await get(`/v1/rooms?customerId=${world.b.customerId}`, world.b.key)).body;
      expect(listed.data).toContainEqual(expect.objectContaining({ id: room.id, lastRunAt: null }));
      // The shared room's last run is b's own (the 20th, after the handover on the 15th).
      expect((await get(`/v1/rooms/${world.sharedRoomId}`, world.b.key)).body.lastRunAt).toBe(
        '2041-03-20T10:10:00.000Z',
      );
    });

    it('still shows the partner the whole history', async () => {
      const owners = (await get(`/v1/rooms/${world.sharedRoomId}/owners`)).body;
      expect(owners.map((span: { customerId: string }) => span.customerId)).toEqual([
        world.a.customerId,
        world.b.customerId,
      ]);
    });
  });

  describe('draft invoices', () => {
    it('are hidden from customer keys, listed for the partner', async () => {
      await get(`/v1/invoices/${world.a.draftInvoiceId}`, world.a.key, 404);
      await get(`/v1/invoices/${world.a.draftInvoiceId}/credit-notes`, world.a.key, 404);
      const own = (await get(`/v1/invoices?customerId=${world.a.customerId}`, world.a.key)).body;
      expect(own.data.map((invoice: { id: string }) => invoice.id)).toEqual([world.a.invoiceId]);
      const partner = (await get(`/v1/invoices?customerId=${world.a.customerId}`)).body;
      expect(partner.data.map((invoice: { id: string }) => invoice.id).sort()).toEqual(
        [world.a.invoiceId, world.a.draftInvoiceId].sort(),
      );
    });
  });
});
