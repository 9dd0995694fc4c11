import { badRequest, DomainError } from '../errors/domain-error';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  closingQuote,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-bytes';

/**
 * How deeply arrays and objects may nest in a JSON body (the top-level value is level 1). No
 * request of this API needs more than a handful of levels; a body nested a thousand levels deep
 * would send the validators and the transformers recursing until the stack gives out, a 500.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether the JSON text (UTF-8 bytes) nests deeper than `maxDepth`, found without parsing it:
 * every delimiter is ASCII and no byte of a multi-byte character is. Brackets inside strings do
 * not count. Malformed text is not this function's concern; JSON.parse says so afterwards.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const end = closingQuote(bytes, i);
      if (end < 0) return false;
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

export const TOO_DEEP_DETAIL = `JSON arrays and objects may nest at most ${MAX_JSON_DEPTH} levels deep`;

/** The refusal of a body nested too deeply, for code that reads JSON itself. */
export function jsonTooDeep(): DomainError {
  return badRequest('too_deep', TOO_DEEP_DETAIL);
}
