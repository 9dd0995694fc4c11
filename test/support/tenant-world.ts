import { randomUUID } from 'node:crypto';
import type { ControllableClock } from '../../src/shared/time/clock';
import { priceSampleSku, runEvent, usageRow } from './databricks-fixtures';
import { createCustomer, createKey, createRoom, registerIdentity, uniqueTag } from './factories';
import type { TestApp } from './test-app';

/** What one customer of the world has, by the ids another customer's key must never reach. */
export interface Tenant {
  readonly customerId: string;
  readonly key: string;
  /** A room only this customer ever owned. */
  readonly roomId: string;
  /** The run this customer started in the shared room. */
  readonly runId: string;
  readonly initiator: string;
  /** The customer's finalized invoice of the world's first month. */
  readonly invoiceId: string;
  /** Its usage line (partner DBU), the one with rooms and runs behind it. */
  readonly usageLineId: string;
}

export interface TenantWorld {
  readonly year: number;
  /** The month both customers are invoiced for, `YYYY-03`. */
  readonly period: string;
  /** Owned by a until the handover on the 15th of the month, by b from then on. */
  readonly sharedRoomId: string;
  readonly handover: string;
  readonly a: Tenant & { readonly draftInvoiceId: string };
  readonly b: Tenant;
  readonly keys: { readonly ingest: string; readonly finance: string; readonly partner: string };
  readonly planId: string;
  readonly planVersionId: string;
}

/**
 * Two customers through the public API, in a year of their own: a owns room a and, until the
 * 15th of March, the shared room; b owns room b and the shared room from then on. Both run
 * partner-triggered notebooks in the shared room, a before the handover and b after; the usage is
 * imported while a still owns the room, so the handover moves b's hours away from a's rollups.
 * Their plan bundles compute under a cap measured in partner cost (absorbed beyond it) and bills
 * partner DBU per unit; the partner's discount is 20 %. March is invoiced and finalized for both,
 * and a has a draft for April. The clock is left in May.
 */
export async function buildTenantWorld(
  t: TestApp,
  clock: ControllableClock,
  year: number,
): Promise<TenantWorld> {
  const at = (monthDayTime: string) => `${year}-${monthDayTime}`;
  clock.set(new Date(at('03-01T00:00:00Z')));
  await priceSampleSku(t);
  await t.http
    .post('/v1/partner-discounts')
    .set(t.auth())
    .send({ rate: '0.2', effectiveFrom: at('01-01T00:00:00Z') })
    .expect(201);

  const [a, b] = [await createCustomer(t), await createCustomer(t)];
  const partnerAccount = randomUUID();
  await registerIdentity(t, { kind: 'account', value: partnerAccount, party: 'partner' });
  const since = at('01-01T00:00:00Z');
  const roomA = await createRoom(t, a.id, { ownerSince: since });
  const roomB = await createRoom(t, b.id, { ownerSince: since });
  const shared = await createRoom(t, a.id, { ownerSince: since });

  const plan = await t.http
    .post('/v1/plans')
    .set(t.auth())
    .send({
      name: uniqueTag('tenant-world'),
      model: 'bundled',
      currency: 'USD',
      subscriptionFee: '100',
      exposureCap: { measure: 'cost', amount: '5', policy: 'absorb' },
      charges: [
        {
          key: 'managed_runs',
          description: 'Managed runs, per partner DBU',
          basis: 'partner_dbu',
          pricing: { model: 'per_unit', unitPrice: '0.5' },
        },
      ],
    })
    .expect(201);
  const planVersionId = (plan.body as { versions: { id: string }[] }).versions[0].id;
  for (const customer of [a, b]) {
    await t.http
      .put(`/v1/customers/${customer.id}/subscription`)
      .set(t.auth())
      .send({ planVersionId, effectiveFrom: at('03-01T00:00:00Z') })
      .expect(200);
  }

  const usage = (roomId: string, start: string, dbu: string) => {
    const from = new Date(at(start));
    return usageRow({
      record_id: randomUUID(),
      account_id: partnerAccount,
      usage_start_time: from.toISOString(),
      usage_end_time: new Date(from.getTime() + 3_600_000).toISOString(),
      usage_date: from.toISOString().slice(0, 10),
      ingestion_date: from.toISOString().slice(0, 10),
      usage_quantity: dbu,
      usage_metadata: { central_clean_room_id: roomId },
    });
  };
  clock.set(new Date(at('03-25T00:00:00Z')));
  await t.http
    .post('/v1/usage')
    .set(t.auth())
    .send({
      records: [
        usage(roomA.id, '03-02T10:00:00Z', '100'),
        usage(shared.id, '03-03T10:00:00Z', '40'),
        usage(shared.id, '03-20T10:00:00Z', '60'),
        usage(roomB.id, '03-04T10:00:00Z', '30'),
      ],
    })
    .expect(200);
  const runs = {
    a: { runId: uniqueTag('run-a'), initiator: uniqueTag('metastore-a') },
    b: { runId: uniqueTag('run-b'), initiator: uniqueTag('metastore-b') },
  };
  const events = [
    runEvent(shared.id, 'STARTED', runs.a.runId, at('03-03T10:05:00Z'), runs.a),
    runEvent(shared.id, 'COMPLETED', runs.a.runId, at('03-03T10:50:00Z')),
    runEvent(shared.id, 'STARTED', runs.b.runId, at('03-20T10:10:00Z'), runs.b),
    runEvent(shared.id, 'COMPLETED', runs.b.runId, at('03-20T10:40:00Z')),
  ];
  await t.http.post('/v1/clean-room-events').set(t.auth()).send({ events }).expect(200);
  const handover = at('03-15T00:00:00Z');
  await t.http
    .post(`/v1/rooms/${shared.id}/owners`)
    .set(t.auth())
    .send({ customerId: b.id, effectiveFrom: handover })
    .expect(201);

  const period = at('03').slice(0, 7);
  clock.set(new Date(at('04-05T00:00:00Z')));
  const invoices = {
    a: await closeAndFind(t, a.id, period),
    b: await closeAndFind(t, b.id, period),
  };
  clock.set(new Date(at('05-01T06:00:00Z')));
  const draft = await closeAndFind(t, a.id, `${year}-04`);

  const tenant = (customer: { id: string }, roomId: string, which: 'a' | 'b') => ({
    customerId: customer.id,
    roomId,
    ...runs[which],
    invoiceId: invoices[which].id,
    usageLineId: invoices[which].usageLineId,
  });
  return {
    year,
    period,
    sharedRoomId: shared.id,
    handover,
    a: {
      ...tenant(a, roomA.id, 'a'),
      key: await createKey(t, ['customer'], a.id),
      draftInvoiceId: draft.id,
    },
    b: { ...tenant(b, roomB.id, 'b'), key: await createKey(t, ['customer'], b.id) },
    keys: {
      ingest: await createKey(t, ['ingest']),
      finance: await createKey(t, ['finance']),
      partner: await createKey(t, ['partner']),
    },
    planId: (plan.body as { id: string }).id,
    planVersionId,
  };
}

async function closeAndFind(
  t: TestApp,
  customerId: string,
  period: string,
): Promise<{ id: string; status: string; usageLineId: string }> {
  const closed = await t.http
    .post('/v1/invoices/close')
    .set(t.auth())
    .send({ period, customerId })
    .expect(200);
  const id = (closed.body as { results: { invoice: { id: string } | null }[] }).results[0].invoice
    ?.id;
  if (!id) throw new Error(`No invoice closing ${period}: ${JSON.stringify(closed.body)}`);
  const invoice = await t.http.get(`/v1/invoices/${id}`).set(t.auth()).expect(200);
  const body = invoice.body as { status: string; lines: { id: string; basis: string }[] };
  return {
    id,
    status: body.status,
    usageLineId: body.lines.find((line) => line.basis === 'partner_dbu')?.id ?? '',
  };
}
