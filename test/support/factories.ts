import { randomUUID } from 'node:crypto';
import { TestApp } from './test-app';

/** A unique tag, so tests sharing one database never see each other's rows. */
export function uniqueTag(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export async function createCustomer(
  t: TestApp,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const response = await t.http
    .post('/v1/customers')
    .set(t.auth())
    .send({ name: uniqueTag('customer'), currency: 'USD', ...fields })
    .expect(201);
  return response.body as { id: string; name: string };
}

export async function createKey(
  t: TestApp,
  scopes: string[],
  customerId?: string,
): Promise<string> {
  const response = await t.http
    .post('/v1/api-keys')
    .set(t.auth())
    .send({ name: uniqueTag('key'), scopes, customerId })
    .expect(201);
  return (response.body as { secret: string }).secret;
}

export async function createRoom(
  t: TestApp,
  customerId: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const response = await t.http
    .post('/v1/rooms')
    .set(t.auth())
    .send({ id: randomUUID(), name: uniqueTag('room'), customerId, ...fields })
    .expect(201);
  return response.body as { id: string };
}

/** Registers a Databricks identity (account, sharing identifier or principal) of a party. */
export async function registerIdentity(
  t: TestApp,
  identity: { kind: string; value: string; party: 'partner' | 'customer'; customerId?: string },
): Promise<{ id: string }> {
  const response = await t.http.post('/v1/identities').set(t.auth()).send(identity).expect(201);
  return response.body as { id: string };
}
