/** How far a Stripe-Signature timestamp may be from our clock, either way (the SDK's default). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * The `t=` of a Stripe-Signature header, read as the SDK reads it when it checks the signature
 * (the last `t=` item, parseInt), so we judge the very timestamp that was signed.
 */
export function signedTimestamp(header: string): number {
  let timestamp = Number.NaN;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = parseInt(value, 10);
  }
  return timestamp;
}

/**
 * The SDK refuses only a signature older than its tolerance; a timestamp ahead of us would stay
 * replayable until that far future plus the tolerance. We hold it to the tolerance both ways,
 * and refuse a `t=` that is no number at all (the SDK's age check lets NaN through).
 */
export function withinTolerance(header: string, now: Date): boolean {
  const timestamp = signedTimestamp(header);
  if (!Number.isSafeInteger(timestamp)) return false;
  return Math.abs(Math.floor(now.getTime() / 1000) - timestamp) <= WEBHOOK_TOLERANCE_S;
}
