import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  closingQuote,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../../../shared/http/json-bytes';
import { MAX_JSON_DEPTH } from '../../../shared/http/json-depth';

/**
 * Where the elements of `{"<field>": [ … ]}` lie in a JSON body (UTF-8 bytes), found without
 * decoding or parsing them, so that each can be decoded and parsed when its turn comes and be
 * garbage right after. A request of 5,000 records decoded whole makes strings of megabytes, which
 * V8 allocates in the old generation: a few requests fill it and force a full collection. Every
 * delimiter is ASCII, and no byte of a multi-byte UTF-8 character is, so the bytes can be scanned
 * as they are and each element decodes as it would within the whole.
 *
 * Only that exact shape is recognised (the field once, whitespace anywhere JSON allows it), with
 * at most `maxElements` elements. Anything else, valid or not, gives null as soon as it shows:
 * the caller then parses the whole text, which decides and explains (an oversized request is
 * refused as before, malformed JSON first). The scan checks the structure around the elements,
 * not the elements themselves: JSON.parse checks each when it is read.
 */
export function jsonArrayElements(
  body: Buffer,
  field: string,
  maxElements: number,
): Int32Array | null {
  const scan = new Scanner(body);
  try {
    scan.expect(OPEN_BRACE);
    if (!isKey(scan.string(), field)) return null;
    scan.expect(COLON);
    scan.expect(OPEN_BRACKET);
    const bounds: number[] = [];
    if (!scan.consume(CLOSE_BRACKET)) {
      do {
        if (bounds.length === 2 * maxElements) return null;
        const start = scan.valueStart();
        bounds.push(start, scan.skipValue());
      } while (scan.consume(COMMA));
      scan.expect(CLOSE_BRACKET);
    }
    scan.expect(CLOSE_BRACE);
    scan.expectEnd();
    return Int32Array.from(bounds);
  } catch (error) {
    if (error === NOT_THE_SHAPE) return null;
    throw error;
  }
}

// One instance, thrown and caught inside this file only: no stack to capture each time.
const NOT_THE_SHAPE = new Error('not the expected shape');

/**
 * An element lies two levels down (the body's object, then its array): one nested deeper than
 * the limit allows is left to the whole parse, which refuses the body as too deep.
 */
const ELEMENT_MAX_DEPTH = MAX_JSON_DEPTH - 2;

/** Whether a string token, as written, says `field` (escapes decoded; a broken one does not). */
function isKey(token: Buffer, field: string): boolean {
  try {
    return JSON.parse(token.toString('utf8')) === field;
  } catch {
    return false;
  }
}

class Scanner {
  private at = 0;

  constructor(private readonly text: Buffer) {}

  /** Skips whitespace, then the character `code`, which must be there. */
  expect(code: number): void {
    if (!this.consume(code)) throw NOT_THE_SHAPE;
  }

  /** Skips whitespace, then the character `code` when it is there. */
  consume(code: number): boolean {
    this.skipWhitespace();
    if (this.text[this.at] !== code) return false;
    this.at++;
    return true;
  }

  expectEnd(): void {
    this.skipWhitespace();
    if (this.at !== this.text.length) throw NOT_THE_SHAPE;
  }

  /** Skips whitespace and returns where the next value starts. */
  valueStart(): number {
    this.skipWhitespace();
    return this.at;
  }

  /** A string token (quotes included), as it is written. */
  string(): Buffer {
    this.skipWhitespace();
    if (this.text[this.at] !== QUOTE) throw NOT_THE_SHAPE;
    const start = this.at;
    this.at = this.endOfString(start);
    return this.text.subarray(start, this.at);
  }

  /**
   * Moves past the value that starts here and returns where it ends: a string, an object or
   * array (strings inside skipped whole, brackets counted), or a scalar (up to the next
   * delimiter). Whether the value is valid JSON is JSON.parse's to say.
   */
  skipValue(): number {
    const text = this.text;
    const first = text[this.at];
    if (first === QUOTE) {
      this.at = this.endOfString(this.at);
      return this.at;
    }
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      for (let i = this.at; i < text.length; i++) {
        const c = text[i];
        if (c === QUOTE) {
          i = this.endOfString(i) - 1;
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (++depth > ELEMENT_MAX_DEPTH) throw NOT_THE_SHAPE;
        } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) {
          this.at = i + 1;
          return this.at;
        }
      }
      throw NOT_THE_SHAPE;
    }
    let i = this.at;
    while (i < text.length && !isDelimiter(text[i])) i++;
    if (i === this.at) throw NOT_THE_SHAPE;
    this.at = i;
    return i;
  }

  /** Where the string opened by the quote at `quote` ends (just past its closing quote). */
  private endOfString(quote: number): number {
    const closing = closingQuote(this.text, quote);
    if (closing < 0) throw NOT_THE_SHAPE;
    return closing + 1;
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.at < text.length && isWhitespace(text[this.at])) this.at++;
  }
}

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const isDelimiter = (c: number) =>
  isWhitespace(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET;
