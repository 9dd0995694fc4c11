import { isUtf8 } from 'node:buffer';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { MarkingUtf8Decoder, markingUtf8Stream } from './utf8-decoder';

/** Decodes `bytes` given in chunks cut at `cuts`. */
function decode(bytes: Uint8Array, cuts: readonly number[] = []): string {
  const decoder = new MarkingUtf8Decoder();
  let text = '';
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    text += decoder.write(Buffer.from(bytes.subarray(from, cut)));
    from = cut;
  }
  return text + decoder.write(Buffer.from(bytes.subarray(from))) + decoder.end();
}

/** The bytes a decoded text came from: each mark back to its byte, the rest as UTF-8. */
function encodeBack(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    const isMark = char.length === 1 && code >= 0xdc80 && code <= 0xdcff;
    parts.push(isMark ? Buffer.from([code - 0xdc00]) : Buffer.from(char, 'utf8'));
  }
  return Buffer.concat(parts);
}

const isWellFormed = (text: string) =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

describe('MarkingUtf8Decoder', () => {
  it.each<[string, number[], string]>([
    ['ASCII', [0x61, 0x62], 'ab'],
    ['two, three and four bytes', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 'é€😀'],
    ['U+FFFD sent as such', [0xef, 0xbf, 0xbd], '\ufffd'],
    ['a lead byte never used, a reversed BOM', [0x61, 0xff, 0xfe, 0x62], 'a\udcff\udcfeb'],
    ['an overlong NUL', [0xc0, 0x80], '\udcc0\udc80'],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], '\udce0\udc80\udc80'],
    ['a UTF-16 surrogate in UTF-8', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\udcf4\udc90\udc80\udc80'],
    ['a character cut short by the end', [0x61, 0xe2, 0x82], 'a\udce2\udc82'],
    ['a character cut short by another', [0xe2, 0x82, 0x61], '\udce2\udc82a'],
  ])('%s', (_name, bytes, text) => {
    expect(decode(Uint8Array.from(bytes))).toBe(text);
  });

  it('decodes valid UTF-8 as Node does, however the chunks cut it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.array(fc.nat(120)),
        (text, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(
            decode(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            ),
          ).toBe(text);
        },
      ),
    );
  });

  it('marks exactly the bytes that are not UTF-8, losslessly, however the chunks cut them', () => {
    fc.assert(
      fc.property(
        // Valid text with stray bytes in between, so characters and bad bytes meet at cuts.
        fc
          .array(
            fc.oneof(
              fc.string({ unit: 'grapheme', maxLength: 4 }).map((t) => Buffer.from(t, 'utf8')),
              fc.uint8Array({ maxLength: 4 }),
            ),
            { maxLength: 10 },
          )
          .map((parts) => Buffer.concat(parts)),
        fc.array(fc.nat(160)),
        (bytes, cuts) => {
          const whole = decode(bytes);
          expect(
            decode(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            ),
          ).toBe(whole);
          // Valid UTF-8 never decodes to an unpaired surrogate: a mark means a bad byte.
          expect(isWellFormed(whole)).toBe(isUtf8(bytes));
          if (isUtf8(bytes)) expect(whole).toBe(Buffer.from(bytes).toString('utf8'));
          expect(encodeBack(whole)).toEqual(Buffer.from(bytes));
        },
      ),
    );
  });
});

describe('markingUtf8Stream', () => {
  it('gives strings, marks kept (a byte stream would turn them into U+FFFD)', async () => {
    const input = new PassThrough();
    const output = input.pipe(markingUtf8Stream());
    input.write(Buffer.from([0x61, 0xe2]));
    input.end(Buffer.from([0x82, 0xac, 0xff]));
    const chunks: unknown[] = [];
    for await (const chunk of output) chunks.push(chunk);
    expect(chunks.every((chunk) => typeof chunk === 'string')).toBe(true);
    expect(chunks.join('')).toBe('a€\udcff');
  });
});
