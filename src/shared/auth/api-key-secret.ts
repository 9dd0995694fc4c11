import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'crb_';

export interface GeneratedApiKey {
  /** Shown once to the caller, never stored. */
  readonly secret: string;
  /** Stored and shown in listings so people can tell keys apart. */
  readonly prefix: string;
  readonly hash: string;
}

/** 256 random bits: a fast hash is enough, a slow KDF would add nothing but latency. */
export function generateApiKey(): GeneratedApiKey {
  const secret = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { secret, prefix: secret.slice(0, 12), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKey(a), 'hex'), Buffer.from(hashApiKey(b), 'hex'));
}
