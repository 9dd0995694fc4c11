import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';

/*
 * A CSV upload is decoded as it streams. Node's decoder turns bytes that are not UTF-8 into
 * U+FFFD, which is valid text: a re-sent line whose id was damaged on the way became a new
 * billable record. Here each such byte becomes instead the unpaired surrogate U+DC00 + byte (as
 * Python's "surrogateescape" does). Valid UTF-8 never decodes to an unpaired surrogate, so the
 * mark cannot be mistaken for text, survives CSV parsing (it is no delimiter), and validation
 * refuses the line that holds it (`invalid_encoding`, see text-problems.ts) and no other.
 */

/** A streaming UTF-8 decoder that marks each byte that is not part of a valid character. */
export class MarkingUtf8Decoder {
  /** The start of a character whose other bytes are in the next chunk. */
  private pending: Buffer | null = null;

  write(chunk: Buffer): string {
    const bytes = this.pending === null ? chunk : Buffer.concat([this.pending, chunk]);
    const end = completeEnd(bytes);
    this.pending = end < bytes.length ? Buffer.from(bytes.subarray(end)) : null;
    return decodeMarking(bytes, end);
  }

  /** What is left at the end of the input: a character cut short, marked byte by byte. */
  end(): string {
    const pending = this.pending;
    this.pending = null;
    return pending === null ? '' : decodeMarking(pending, pending.length);
  }
}

/** A stream of Buffers in, strings out, decoded by a MarkingUtf8Decoder. */
export function markingUtf8Stream(): Transform {
  const decoder = new MarkingUtf8Decoder();
  return new Transform({
    // Strings out as they are: a byte stream would encode the marks back to U+FFFD.
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const text = decoder.write(chunk);
      callback(null, text === '' ? undefined : text);
    },
    flush(callback) {
      const text = decoder.end();
      callback(null, text === '' ? undefined : text);
    },
  });
}

/** Where the last character starts when its bytes run past the end of `bytes`, else the end. */
function completeEnd(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back];
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needs > back ? length - back : length;
    }
    // A continuation byte: its lead byte is further back.
  }
  return length;
}

/** bytes[0, end) as text, each byte outside a valid character marked. */
function decodeMarking(bytes: Buffer, end: number): string {
  // Almost every chunk is valid: checked natively and decoded whole.
  if (isUtf8(bytes.subarray(0, end))) return bytes.toString('utf8', 0, end);
  let text = '';
  let run = 0;
  for (let at = 0; at < end;) {
    const length = sequenceLength(bytes, at, end);
    if (length > 0) {
      at += length;
      continue;
    }
    text += bytes.toString('utf8', run, at) + String.fromCharCode(0xdc00 + bytes[at]);
    at++;
    run = at;
  }
  return text + bytes.toString('utf8', run, end);
}

/** The length of the valid UTF-8 character at `at` (Unicode table 3-7), 0 when there is none. */
function sequenceLength(bytes: Buffer, at: number, end: number): number {
  const first = bytes[at];
  if (first < 0x80) return 1;
  const within = (i: number, low: number, high: number) =>
    at + i < end && bytes[at + i] >= low && bytes[at + i] <= high;
  if (first < 0xc2) return 0;
  if (first < 0xe0) return within(1, 0x80, 0xbf) ? 2 : 0;
  if (first < 0xf0) {
    // No overlong forms (E0 80–9F …) and no surrogates (ED A0–BF …).
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return within(1, low, high) && within(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (first < 0xf5) {
    // No overlong forms (F0 80–8F …) and nothing past U+10FFFF (F4 90– …).
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return within(1, low, high) && within(2, 0x80, 0xbf) && within(3, 0x80, 0xbf) ? 4 : 0;
  }
  return 0;
}
