/** Small, fast, seeded PRNG (xorshift32): the same seed gives the same sequence, in [0, 1). */
export function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * A generator of its own for (seed, labels), e.g. one per room and day: what a day holds then
 * depends on that day alone, not on which window of days is generated around it, so history
 * generated again a month later repeats the days it shares with the first run byte for byte.
 */
export function seededRandom(seed: number, ...labels: string[]): () => number {
  // FNV-1a over the labels, mixed with the seed; a few draws are discarded to spread it.
  let hash = 0x811c9dc5 ^ seed;
  for (const char of labels.join('\u0000')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  const random = xorshift(hash);
  for (let i = 0; i < 4; i++) random();
  return random;
}

/** An integer in [min, max]. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A version-4-shaped UUID drawn from `random`: deterministic ids for generated data. */
export function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
