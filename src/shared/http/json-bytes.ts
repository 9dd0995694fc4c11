/** The JSON delimiters, as bytes: every one is ASCII, and no byte of a multi-byte character is. */
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

/**
 * Where the string opened by the quote at `quote` closes (the index of its closing quote), or -1
 * when it never does: a quote counts unless an odd run of backslashes escapes it.
 */
export function closingQuote(bytes: Uint8Array, quote: number): number {
  let from = quote + 1;
  for (;;) {
    const next = bytes.indexOf(QUOTE, from);
    if (next < 0) return -1;
    let backslashes = 0;
    while (bytes[next - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return next;
    from = next + 1;
  }
}
